import { formatTime } from "../format/format.ts";
import type { ContextDetail } from "./context-schemas.ts";
import { DataTable } from "../table/data-table.tsx";

/** What produced the context's data (its history records, the first 100). */
export function ContextHistory({ history }: { history: ContextDetail["history"] }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {history.length === 0 ? (
        <p className="muted">No history records.</p>
      ) : (
        <DataTable
          label="History"
          rows={history}
          rowKey={(h) => h.source}
          columns={[
            { header: "Source", cell: (h) => h.source },
            { header: "Type", cell: (h) => h.contextType },
            { header: "Keyword", cell: (h) => h.keyword ?? "—" },
            { header: "Updated", cell: (h) => formatTime(h.updateTime) },
            { header: "Record", cell: (h) => <code className="clip">{h.historyJson}</code> },
          ]}
        />
      )}
    </section>
  );
}
