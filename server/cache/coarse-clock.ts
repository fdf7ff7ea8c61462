/**
 * Milliseconds since the epoch, refreshed every few milliseconds by a timer rather than read
 * on every cache hit: Date.now() was a fair part of the hit path's cost, and access times and
 * rates need no finer grain than this.
 */
const TICK_MS = 4;
let now = Date.now();
let timer: NodeJS.Timeout | undefined;

export function coarseNow(): number {
  if (timer === undefined) {
    timer = setInterval(() => (now = Date.now()), TICK_MS);
    timer.unref();
    now = Date.now();
  }
  return now;
}
