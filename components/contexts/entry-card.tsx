import { formatTime } from "../format/format.ts";
import type { EntryRow } from "./context-schemas.ts";
import { EntryValue } from "./entry-value.tsx";

/** One entry: key, scope, value type, keywords and value. */
export function EntryCard({
  contextId,
  entry,
  focused = false,
}: {
  contextId: string;
  entry: EntryRow;
  focused?: boolean;
}) {
  return (
    <article className={focused ? "panel entry focused" : "panel entry"} aria-label={`Entry ${entry.key}`}>
      <header className="row">
        <h3>
          <code>{entry.key}</code>
        </h3>
        <span className="tag">{entry.contextType}</span>
        <span className="tag">scope {entry.contextScope}</span>
        {entry.valueType && <span className="tag">{entry.valueType}</span>}
        <span className="muted">
          revision {entry.revision} · updated {formatTime(entry.updateTime)}
        </span>
      </header>
      <div className="row keywords" aria-label="Keywords">
        <span className="muted">Keywords:</span>
        {entry.keywords.map((k) => (
          <span key={k} className="tag keyword">
            {k}
          </span>
        ))}
      </div>
      <EntryValue contextId={contextId} entry={entry} />
    </article>
  );
}
