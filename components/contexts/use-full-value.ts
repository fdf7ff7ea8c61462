import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "../api/fetch-json.ts";
import { entryValueSchema, type EntryRow } from "./context-schemas.ts";

/** An entry's whole value, fetched only when `enabled` (lists carry a preview only). */
export function useFullValue(contextId: string, entry: EntryRow, enabled: boolean) {
  const query = new URLSearchParams({ type: entry.contextType, key: entry.key });
  return useQuery({
    queryKey: ["entry-value", contextId, entry.contextType, entry.key, entry.revision],
    queryFn: () => fetchJson(`/api/v1/contexts/${encodeURIComponent(contextId)}/value?${query}`, entryValueSchema),
    enabled,
    staleTime: Infinity, // keyed by revision: a newer value has another key
  });
}
