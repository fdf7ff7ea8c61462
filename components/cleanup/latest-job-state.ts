import type { ClearJob } from "./cleanup-schemas.ts";

/**
 * The newest of several reports of one job (the start answer, socket events, polls, which may
 * arrive in any order): a finished report wins over a running one, else the one further along.
 */
export function latestJobState(...reports: (ClearJob | undefined)[]): ClearJob | undefined {
  let best: ClearJob | undefined;
  for (const r of reports) {
    if (!r) continue;
    if (!best) best = r;
    else if (best.status === "running" && (r.status !== "running" || r.processed > best.processed)) best = r;
  }
  return best;
}
