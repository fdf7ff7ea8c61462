/** The context page's address; with a type and key it opens on that entry. */
export function contextHref(contextId: string, entry?: { contextType: string; key: string }) {
  const path = `/contexts/${encodeURIComponent(contextId)}`;
  return entry ? `${path}?${new URLSearchParams({ type: entry.contextType, key: entry.key })}` : path;
}
