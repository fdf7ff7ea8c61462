"use client";

import { formatBytes } from "../format/format.ts";
import { QueryStatus } from "../query/query-status.tsx";
import { prettyPrefix } from "../values/pretty-prefix.ts";
import { ValueViewer } from "../values/value-viewer.tsx";
import type { EntryRow } from "./context-schemas.ts";
import { useEntryView } from "./entry-views.tsx";
import { useFullValue } from "./use-full-value.ts";

/**
 * An entry's value in the value viewer. A large one arrives cut (the list carries only a
 * preview): it previews laid out like a small one and stays collapsed until asked for, then the
 * whole value is fetched. Loaded or not, and the view, outlive a switch of type tab.
 */
export function EntryValue({ contextId, entry }: { contextId: string; entry: EntryRow }) {
  const [view, setView] = useEntryView(entry.contextType, entry.key);
  const full = useFullValue(contextId, entry, entry.truncated && view.expanded);
  const label = `Value of ${entry.key}`;
  const viewer = (value: unknown) => (
    <ValueViewer value={value} name={entry.key} label={label} mode={view.mode} onMode={(mode) => setView({ mode })} />
  );
  if (!entry.truncated) return viewer(parsedOrText(entry.preview));
  if (!view.expanded) {
    return (
      <div>
        <pre aria-label={label} className="collapsed">
          {prettyPrefix(entry.preview)}…
        </pre>
        <button type="button" className="secondary" onClick={() => setView({ expanded: true })}>
          Load full value ({formatBytes(entry.valueBytes)})
        </button>
      </div>
    );
  }
  if (!full.isSuccess) return <QueryStatus query={full} what="the full value" />;
  return (
    <div>
      {viewer(full.data.value)}
      <button type="button" className="secondary" onClick={() => setView({ expanded: false })}>
        Collapse
      </button>
    </div>
  );
}

/** A whole value's JSON; should it ever not parse, its text is shown rather than the page failing. */
function parsedOrText(preview: string): unknown {
  try {
    return JSON.parse(preview);
  } catch {
    return preview;
  }
}
