import { formatTime } from "../format/format.ts";
import type { ContextDetail } from "./context-schemas.ts";

/** What produced the context's data (its history records, the first 100). */
export function ContextHistory({ history }: { history: ContextDetail["history"] }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {history.length === 0 ? (
        <p className="muted">No history records.</p>
      ) : (
        <table aria-label="History">
          <thead>
            <tr>
              <th>Source</th>
              <th>Type</th>
              <th>Keyword</th>
              <th>Updated</th>
              <th>Record</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.source}>
                <td>{h.source}</td>
                <td>{h.contextType}</td>
                <td>{h.keyword ?? "—"}</td>
                <td>{formatTime(h.updateTime)}</td>
                <td>
                  <code className="clip">{h.historyJson}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
