"use client";

import { useState } from "react";
import { formatBytes } from "../format/format.ts";
import { QueryStatus } from "../query/query-status.tsx";
import type { EntryRow } from "./context-schemas.ts";
import { useFullValue } from "./use-full-value.ts";

const pretty = (json: string) => {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
};

/**
 * An entry's value as formatted JSON. A large one arrives cut (the list carries only a
 * preview) and stays collapsed until asked for: then the whole value is fetched.
 */
export function EntryValue({ contextId, entry }: { contextId: string; entry: EntryRow }) {
  const [expanded, setExpanded] = useState(false);
  const full = useFullValue(contextId, entry, expanded);
  const label = `Value of ${entry.key}`;
  if (!entry.truncated) return <pre aria-label={label}>{pretty(entry.preview)}</pre>;
  if (!expanded) {
    return (
      <div>
        <pre aria-label={label} className="collapsed">
          {entry.preview}…
        </pre>
        <button type="button" className="secondary" onClick={() => setExpanded(true)}>
          Load full value ({formatBytes(entry.valueBytes)})
        </button>
      </div>
    );
  }
  if (!full.isSuccess) return <QueryStatus query={full} what="the full value" />;
  return <pre aria-label={label}>{JSON.stringify(full.data.value, null, 2)}</pre>;
}
