/**
 * An open-loop pacer: calls `fire(slot)` for slots 0..total-1 at `rate` per second, on 1 ms
 * timers, firing every slot that has come due at each tick (so a late tick catches up in a
 * burst rather than lowering the rate). `fire` returns false when it cannot take a slot (a
 * writer already has too much in flight): that slot is skipped, not retried, and counted.
 */
export interface PaceResult {
  fired: number;
  skipped: number;
  /** From the start to the last slot's firing. */
  elapsedMs: number;
  /** How late the latest slot fired behind its schedule: the pacer (this event loop) falling behind. */
  maxBehindMs: number;
}

export async function pace(rate: number, total: number, fire: (slot: number) => boolean): Promise<PaceResult> {
  const start = performance.now();
  let slot = 0;
  let fired = 0;
  let skipped = 0;
  let maxBehindMs = 0;
  let last = start;
  while (slot < total) {
    const t = performance.now();
    const due = Math.min(total, Math.floor(((t - start) * rate) / 1000) + 1);
    if (due > slot) maxBehindMs = Math.max(maxBehindMs, t - start - (slot * 1000) / rate);
    for (; slot < due; slot++) {
      if (fire(slot)) fired++;
      else skipped++;
    }
    last = performance.now();
    if (slot < total)
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, (slot * 1000) / rate - (last - start))));
  }
  return { fired, skipped, elapsedMs: last - start, maxBehindMs };
}
