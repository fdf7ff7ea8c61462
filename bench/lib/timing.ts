import { median } from "./figures.ts";

/**
 * A case runs `ops` operations and returns a number derived from their results, so the JIT
 * cannot drop the work as dead code.
 */
export interface BenchCase {
  name: string;
  run: (ops: number) => number | Promise<number>;
}

export interface TimingOptions {
  /** Unmeasured rounds first, to let the JIT settle (the first one also sizes the rounds). */
  warmup: number;
  rounds: number;
  /** Each measured round runs about this long. */
  roundMs: number;
}

export interface CaseResult {
  name: string;
  ops: number;
  medianOpsPerSec: number;
  minOpsPerSec: number;
  maxOpsPerSec: number;
}

export const defaultTiming: TimingOptions = { warmup: 2, rounds: 7, roundMs: 200 };

let sink = 0;
/** Read once at the end, so every result counts as used. */
export const checksum = () => sink;

/**
 * Seconds of CPU the process spent on a round (user + system), not wall-clock seconds: on this
 * shared 2-core machine a round can be descheduled for longer than it runs, which wall time
 * counts as if the case were slow and CPU time does not. Every case runs on the main thread,
 * so the process's CPU is the case's CPU (plus the GC helpers' share, which is the case's too).
 */
async function timeRound(c: BenchCase, ops: number): Promise<number> {
  const start = process.cpuUsage();
  const out = c.run(ops);
  sink += typeof out === "number" ? out : await out;
  const used = process.cpuUsage(start);
  return Math.max(1, used.user + used.system) / 1e6;
}

/**
 * Finds how many ops fill about `roundMs`: grows until a round is long enough to time, then
 * sizes once more on code the JIT has warmed, since a cold first guess can be far off.
 */
async function calibrate(c: BenchCase, roundMs: number): Promise<number> {
  let ops = 1;
  for (;;) {
    const seconds = await timeRound(c, ops);
    if (seconds * 1000 >= roundMs / 4 || ops >= 2 ** 30) break;
    ops *= seconds * 1000 < roundMs / 100 ? 16 : 4;
  }
  for (let pass = 0; pass < 2; pass++) {
    const seconds = await timeRound(c, ops);
    ops = Math.max(1, Math.round((ops * roundMs) / (seconds * 1000)));
  }
  return ops;
}

/**
 * Times several cases in the same process, rounds interleaved (and their order rotated) so
 * drift of the machine hits every case alike; the ratio of their medians is the figure to trust.
 */
export async function timeCases(cases: BenchCase[], options: TimingOptions = defaultTiming): Promise<CaseResult[]> {
  const ops: number[] = [];
  for (const c of cases) ops.push(await calibrate(c, options.roundMs));
  const rates: number[][] = cases.map(() => []);
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (k + round) % cases.length;
      const seconds = await timeRound(cases[i], ops[i]);
      if (round >= options.warmup) rates[i].push(ops[i] / seconds);
    }
  }
  return cases.map((c, i) => ({
    name: c.name,
    ops: ops[i],
    medianOpsPerSec: median(rates[i]),
    minOpsPerSec: Math.min(...rates[i]),
    maxOpsPerSec: Math.max(...rates[i]),
  }));
}
