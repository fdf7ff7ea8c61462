"use client";

import { LoadMore } from "../query/load-more.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { usePagedQuery } from "../query/use-paged-query.ts";
import { entrySchema } from "./context-schemas.ts";
import { EntryCard } from "./entry-card.tsx";

/** A context's entries of one type (those whose key holds `keyContains`, when given), a page at a time. */
export function EntryList({
  contextId,
  contextType,
  keyContains,
}: {
  contextId: string;
  contextType: string;
  keyContains: string;
}) {
  const query = new URLSearchParams({ type: contextType, ...(keyContains && { keyContains }) });
  const url = `/api/v1/contexts/${encodeURIComponent(contextId)}/entries?${query}`;
  const entries = usePagedQuery(url, entrySchema);
  if (!entries.isSuccess) return <QueryStatus query={entries} what={`${contextType} entries`} />;
  const rows = entries.data.pages.flatMap((p) => p.items);
  if (rows.length === 0 && keyContains)
    return (
      <p className="muted">
        No {contextType} entry has a key containing <code>{keyContains}</code>.
      </p>
    );
  if (rows.length === 0) return <p className="muted">No {contextType} entries (they may have been removed since).</p>;
  return (
    <div className="entries">
      {rows.map((e) => (
        <EntryCard key={e.key} contextId={contextId} entry={e} />
      ))}
      <LoadMore query={entries} what="entries" />
    </div>
  );
}
