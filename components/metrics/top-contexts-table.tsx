import Link from "next/link";
import { contextHref } from "../contexts/context-href.ts";
import { formatBytes, formatTime } from "../format/format.ts";
import type { TopContext } from "./metrics-schema.ts";
import { DataTable } from "../table/data-table.tsx";

/** The cached contexts with the most bytes, or the most accesses, each linking to its page. */
export function TopContextsTable({ title, rows }: { title: string; rows: TopContext[] }) {
  return (
    <section className="top-contexts">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">No context is in memory yet.</p>
      ) : (
        <DataTable
          label={title}
          rows={rows}
          rowKey={(c) => c.contextId}
          columns={[
            {
              header: "Context id",
              cell: (c) => (
                <>
                  <Link href={contextHref(c.contextId)}>
                    <code>{c.contextId}</code>
                  </Link>
                  {c.user && <div className="muted">{c.user}</div>}
                </>
              ),
            },
            { header: "Bytes", cell: (c) => formatBytes(c.bytes), className: "nowrap" },
            { header: "Entries", cell: (c) => c.entries },
            { header: "Accesses", cell: (c) => c.accessCount },
            { header: "Rate", cell: (c) => `${c.accessRate.toFixed(2)}/s`, className: "nowrap" },
            { header: "Last access", cell: (c) => formatTime(c.lastAccess) },
          ]}
        />
      )}
    </section>
  );
}
