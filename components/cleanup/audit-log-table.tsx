"use client";

import { formatTime } from "../format/format.ts";
import { LoadMore } from "../query/load-more.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { usePagedQuery } from "../query/use-paged-query.ts";
import { DataTable } from "../table/data-table.tsx";
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
        <DataTable
          label="Audit log"
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { header: "Time", cell: (r) => formatTime(r.time) },
            { header: "Who", cell: (r) => r.actor },
            { header: "Action", cell: (r) => r.action },
            { header: "Criteria", cell: (r) => describeCriteria(r.criteria), className: "criteria" },
            { header: "Contexts", cell: (r) => r.count },
            { header: "Duration", cell: (r) => formatDuration(r.durationMs) },
            {
              header: "Outcome",
              cell: (r) => (
                <span className={`outcome-${r.outcome}`} title={r.detail ?? undefined}>
                  {outcomeLabel[r.outcome] ?? r.outcome}
                  {r.detail && <span className="muted"> · {r.detail}</span>}
                </span>
              ),
            },
          ]}
        />
      )}
      {log.isSuccess && <LoadMore query={log} what="audit lines" />}
    </section>
  );
}
