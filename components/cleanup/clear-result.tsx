"use client";

import { formatTime } from "../format/format.ts";
import type { ClearJob } from "./cleanup-schemas.ts";
import { formatDuration } from "./format-duration.ts";

/** How a finished clear ended: how many contexts it deleted, how long it took, and why it stopped if it failed. */
export function ClearResult({ job }: { job: ClearJob }) {
  const took = job.finishTime ? formatDuration(Date.parse(job.finishTime) - Date.parse(job.startTime)) : "?";
  if (job.status === "failed") {
    return (
      <div role="alert" className="panel result error" data-testid="clear-result">
        <strong>Clear failed</strong> (job {job.id}) after {job.processed} of {job.total} contexts, {took}:{" "}
        {job.error ?? "no reason given"}. What was deleted is gone and the rest is intact; start the clear again to
        finish it.
      </div>
    );
  }
  return (
    <div role="status" className="panel result ok" data-testid="clear-result">
      <strong>Done:</strong> deleted {job.processed} {job.processed === 1 ? "context" : "contexts"} in {took} (job{" "}
      {job.id}, started {formatTime(job.startTime)} by {job.actor}).
    </div>
  );
}
