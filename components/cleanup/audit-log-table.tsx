"use client";

import { formatTime } from "../format/format.ts";
import { LoadMore } from "../query/load-more.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { usePagedQuery } from "../query/use-paged-query.ts";
import { useUrlParams } from "../url/use-url-params.ts";
import { AuditFilterForm } from "./audit-filter-form.tsx";
import { auditFilterNames, auditUrl, outcomeLabel, urlName } from "./audit-filters.ts";
import { auditItemSchema } from "./cleanup-schemas.ts";
import { describeCriteria } from "./describe-criteria.ts";
import { formatDuration } from "./format-duration.ts";

/**
 * Every search, preview, clear and admin action, newest first, a page at a time (filtered as the
 * URL says): who, when, criteria, how many, how long, outcome.
 */
export function AuditLogTable() {
  const { params } = useUrlParams();
  const url = auditUrl(params);
  const filtered = auditFilterNames.some((n) => params.get(urlName(n)));
  const log = usePagedQuery(url, auditItemSchema);
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <AuditFilterForm />
      {!log.isSuccess ? (
        <QueryStatus query={log} what="the audit log" />
      ) : rows.length === 0 && filtered ? (
        <p className="muted">No audit line matches these filters.</p>
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
