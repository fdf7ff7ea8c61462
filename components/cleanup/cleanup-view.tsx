"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { AuditLogTable } from "./audit-log-table.tsx";
import { AUDIT_PATH } from "./audit-filters.ts";
import { BoundsForm } from "./bounds-form.tsx";
import { ClearProgress } from "./clear-progress.tsx";
import { ClearResult } from "./clear-result.tsx";
import { previewEnvelopeSchema, startedJobSchema, type ClearJob } from "./cleanup-schemas.ts";
import { ConfirmDelete } from "./confirm-delete.tsx";
import { postJson } from "../api/post-json.ts";
import { PreviewResult } from "./preview-result.tsx";
import { boundsFromUrl, toCriteria, type BoundValues, type Criteria, type TimeBoundName } from "./time-bounds.ts";
import { POLL_MS, useClearProgress } from "./use-clear-progress.ts";
import { ClearByIds } from "./clear-by-ids.tsx";
import { useUrlParams } from "../url/use-url-params.ts";

const REST = "/api/rest_j/v1/contextservice";

/**
 * The cleanup tool: bounds → preview (a dry run: count and first ids) → typed confirmation →
 * a clear started as a job and followed live → its result; a clear by ids beside it; the audit
 * log below. The bounds live in the URL (shareable, kept on reload). Changing a bound drops the
 * preview, so what is deleted is always what was previewed.
 */
export function CleanupView() {
  const queryClient = useQueryClient();
  const { params, update } = useUrlParams();
  const values = boundsFromUrl(params);
  const [started, setStarted] = useState<ClearJob | null>(null);
  const refreshAudit = useCallback(
    // Every filtered view of the log, and the filter's choices (a new actor or action may appear).
    () =>
      Promise.all([
        queryClient.invalidateQueries({
          predicate: (q) => q.queryKey[0] === "paged" && String(q.queryKey[1]).startsWith(AUDIT_PATH),
        }),
        queryClient.invalidateQueries({ queryKey: ["audit-facets"] }),
      ]),
    [queryClient],
  );

  const preview = useMutation({
    mutationFn: (criteria: Criteria) =>
      postJson(`${REST}/clearAllContextByTime`, { ...criteria, dryRun: true }, previewEnvelopeSchema),
    onSettled: refreshAudit,
  });
  const start = useMutation({
    mutationFn: (criteria: Criteria) => postJson("/api/v1/cleanup/jobs", criteria, startedJobSchema),
    onSuccess: ({ job }) => setStarted(job),
    onError: refreshAudit, // a refused clear is audited too
  });
  const { job, connected, socketError, pollError } = useClearProgress(started);
  const finished = job !== undefined && job.status !== "running";
  useEffect(() => {
    if (finished) void refreshAudit();
  }, [finished, refreshAudit]);

  const running = (job !== undefined && !finished) || start.isPending;
  const count = preview.data ? Number(preview.data.num) : 0;

  function setBounds(next: BoundValues) {
    update(next, "replace");
    preview.reset();
    start.reset();
    setStarted(null);
  }
  const change = (name: TimeBoundName, value: string) => setBounds({ [name]: value });
  function startOver() {
    preview.reset();
    start.reset();
    setStarted(null);
  }

  return (
    <>
      <BoundsForm
        values={values}
        onChange={change}
        onPreset={(bounds) => setBounds({ ...Object.fromEntries(Object.keys(values).map((k) => [k, ""])), ...bounds })}
        onPreview={() => preview.mutate(toCriteria(values))}
        previewing={preview.isPending}
        locked={running}
      />
      {preview.isError && (
        <p role="alert" className="error">
          Preview failed: {preview.error.message}
        </p>
      )}
      {/* Once a clear starts, its progress and result replace the preview. */}
      {preview.isSuccess && !job && <PreviewResult preview={preview.data} values={values} />}
      {preview.isSuccess && count > 0 && !job && (
        // Keyed by the preview: a new preview asks for the number again.
        <ConfirmDelete
          key={preview.submittedAt}
          count={count}
          starting={start.isPending}
          onConfirm={() => start.mutate(preview.variables)}
        />
      )}
      {start.isError && (
        <p role="alert" className="error">
          Could not start the clear: {start.error.message}
        </p>
      )}
      {job && (
        <section aria-labelledby="clear-heading">
          <h2 id="clear-heading">{finished ? "Result" : "Deleting…"}</h2>
          <ClearProgress
            job={job}
            live={
              connected
                ? "live"
                : `socket ${socketError ? `down (${socketError})` : "connecting"}, polling every ${POLL_MS / 1000} s`
            }
          />
          {job.total !== count && (
            <p className="muted">
              The clear matched {job.total} contexts, not the {count} previewed: contexts changed in between.
            </p>
          )}
          {pollError && (
            <p role="alert" className="error">
              Could not read the job&apos;s progress: {pollError.message}
            </p>
          )}
          {finished && (
            <>
              <ClearResult job={job} />
              <button type="button" className="secondary" onClick={startOver}>
                New cleanup
              </button>
            </>
          )}
        </section>
      )}
      <ClearByIds onCleared={refreshAudit} />
      <AuditLogTable />
    </>
  );
}
