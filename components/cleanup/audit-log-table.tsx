"use client";

import { formatTime } from "../format/format.ts";
import { LoadMore } from "../query/load-more.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { usePagedQuery } from "../query/use-paged-query.ts";
import { auditItemSchema } from "./cleanup-schemas.ts";
import { describeCriteria } from "./describe-criteria.ts";
import { formatDuration } from "./format-duration.ts";

/** The audit log's address; the page refreshes it (by this key) after a preview or a clear. */
export const AUDIT_URL = "/api/v1/audit?limit=20";

const outcomeLabel: Record<string, string> = { "dry-run": "preview" };

/** Every search, preview and clear, newest first, a page at a time: who, when, criteria, how many, how long, outcome. */
export function AuditLogTable() {
  const log = usePagedQuery(AUDIT_URL, auditItemSchema);
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      {!log.isSuccess ? (
        <QueryStatus query={log} what="the audit log" />
      ) : rows.length === 0 ? (
        <p className="muted">
          Nothing audited yet: cleanups, admin actions on contexts and values, and changes to users and tokens are
          listed here.
        </p>
      ) : (
        <table aria-label="Audit log">
          <thead>
            <tr>
              <th>Time</th>
              <th>Who</th>
              <th>Action</th>
              <th>Criteria</th>
              <th>Contexts</th>
              <th>Duration</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatTime(r.time)}</td>
                <td>{r.actor}</td>
                <td>{r.action}</td>
                <td className="criteria">{describeCriteria(r.criteria)}</td>
                <td>{r.count}</td>
                <td>{formatDuration(r.durationMs)}</td>
                <td className={`outcome-${r.outcome}`} title={r.detail ?? undefined}>
                  {outcomeLabel[r.outcome] ?? r.outcome}
                  {r.detail && <span className="muted"> · {r.detail}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.isSuccess && <LoadMore query={log} what="audit lines" />}
    </section>
  );
}
