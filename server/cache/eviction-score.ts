import type { ContextIDValue } from "./context-id-value.ts";

/** Idle time over which recency fades (to 1/e): the memory of "used lately" outlasts the access rate's. */
const RECENCY_MS = 10 * 60_000;

/**
 * How much a context deserves eviction under heap pressure; the highest goes first. It grows
 * with size (its square root, so one huge context is not always chosen over many idle ones) and
 * falls with recency (fading over ~10 min) plus access frequency (decayed accesses per minute).
 */
export function evictionScore(value: ContextIDValue, now: number): number {
  const recency = Math.exp(-Math.max(0, now - value.lastAccess) / RECENCY_MS);
  const perMinute = value.rate(now) * 60;
  // The floor keeps long-idle contexts finite, so among them the larger still goes first.
  return Math.sqrt(value.bytes / 1024) / Math.max(recency + perMinute, 1e-12);
}
