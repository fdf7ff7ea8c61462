"use client";

import type { ClearJob } from "./cleanup-schemas.ts";
import { formatDuration } from "./format-duration.ts";

/** A running clear: a bar of processed/total, contexts per second, and the time left at that rate. */
export function ClearProgress({ job, live }: { job: ClearJob; live: string }) {
  const percent = job.total > 0 ? Math.min(100, (job.processed / job.total) * 100) : 100;
  const left = job.rate > 0 ? formatDuration(((job.total - job.processed) / job.rate) * 1000) : "estimating…";
  return (
    <div className="clear-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label="Clear progress"
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={job.processed}
        aria-valuetext={`${job.processed} of ${job.total} contexts`}
      >
        <div className="progress-bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="row muted" data-testid="clear-figures">
        <span>
          {job.processed} / {job.total} contexts ({percent.toFixed(0)} %)
        </span>
        <span>· {job.rate} contexts/s</span>
        {job.status === "running" && <span>· about {left} left</span>}
        <span>· {live}</span>
      </p>
    </div>
  );
}
