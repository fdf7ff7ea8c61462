"use client";

import { QueryStatus } from "../query/query-status.tsx";
import { usePagedQuery } from "../query/use-paged-query.ts";
import { entrySchema } from "./context-schemas.ts";
import { EntryCard } from "./entry-card.tsx";

/** The entry a link pointed at (a search hit), shown first whatever page of the list it is on. */
export function FocusedEntry({
  contextId,
  contextType,
  entryKey,
}: {
  contextId: string;
  contextType: string;
  entryKey: string;
}) {
  const url = `/api/v1/contexts/${encodeURIComponent(contextId)}/entries?${new URLSearchParams({ type: contextType, key: entryKey, limit: "1" })}`;
  const found = usePagedQuery(url, entrySchema);
  const entry = found.data?.pages[0]?.items[0];
  return (
    <section aria-labelledby="focused-heading">
      <h2 id="focused-heading">Selected entry</h2>
      {!found.isSuccess ? (
        <QueryStatus query={found} what="the entry" />
      ) : entry ? (
        <EntryCard contextId={contextId} entry={entry} focused />
      ) : (
        <p className="muted">
          This context has no {contextType} entry with key <code>{entryKey}</code> (it may have been removed).
        </p>
      )}
    </section>
  );
}
