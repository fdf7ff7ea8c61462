import type fc from "fast-check";

/**
 * Fixed seeds so a failure reproduces: the same run finds the same counterexample again.
 * FUZZ_SEED picks another seed and FUZZ_RUNS_FACTOR scales the run counts, for a longer hunt
 * by hand; `npm test` uses neither. Shrinking is off: every run talks to the server, and a
 * shrink can take hundreds of them; the counterexample and its path are printed whole.
 */
export function fuzzOptions(numRuns: number): fc.Parameters<unknown> {
  const factor = Number(process.env.FUZZ_RUNS_FACTOR ?? 1);
  return {
    seed: Number(process.env.FUZZ_SEED ?? 140_014),
    numRuns: Math.max(1, Math.round(numRuns * factor)),
    endOnFailure: true,
  };
}
