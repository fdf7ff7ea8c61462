import os from "node:os";
import type { CaseResult } from "./timing.ts";

/** One measured figure: a JSON line on stdout, so runs can be collected and compared by tools. */
export interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  [context: string]: unknown;
}

export function printFigure(figure: Figure) {
  process.stdout.write(JSON.stringify(figure) + "\n");
}

/** Human notes go to stderr so stdout stays one figure per line. */
export function note(message: string) {
  process.stderr.write(message + "\n");
}

/** Heap used after a full collection when the runner gave --expose-gc, else as it stands. */
export function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

/** Notes the machine's load averages: above the core count, other work competed with the run. */
export function noteLoad(when: "start" | "end") {
  note(
    `load average at ${when}: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
}

/** Three significant digits: more would be noise on a shared machine. */
export const sig3 = (x: number) => Number(x.toPrecision(3));

/** The middle value (the mean of the two middle ones for an even count). */
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** One figure per case: its median ops per CPU-second (timing.ts), with the spread over rounds beside it. */
export function printRates(
  bench: string,
  metric: string,
  results: CaseResult[],
  context: Record<string, unknown> = {},
) {
  for (const r of results) {
    printFigure({
      bench,
      metric: `${metric}.${r.name}`,
      value: sig3(r.medianOpsPerSec),
      unit: "ops/cpu-s",
      min: sig3(r.minOpsPerSec),
      max: sig3(r.maxOpsPerSec),
      opsPerRound: r.ops,
      ...context,
    });
  }
}

/** The ratio of two medians measured in the same process: above 1, `a` is faster. */
export function printRatio(
  bench: string,
  metric: string,
  a: CaseResult,
  b: CaseResult,
  context: Record<string, unknown> = {},
) {
  const value = a.medianOpsPerSec / b.medianOpsPerSec;
  printFigure({ bench, metric, value: Number(value.toFixed(3)), unit: "ratio", of: `${a.name}/${b.name}`, ...context });
}
