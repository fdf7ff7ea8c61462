import { useInfiniteQuery } from "@tanstack/react-query";
import { z } from "zod";
import { fetchJson } from "../api/fetch-json.ts";

const withCursor = (url: string, cursor: string | undefined) => (cursor ? `${url}${url.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(cursor)}` : url);

/**
 * A cursor-paged list of the dashboard API (`{ items, nextCursor }`) at `url`: the first page
 * at once, each next one only when asked (fetchNextPage), never the whole list.
 */
export function usePagedQuery<S extends z.ZodType>(url: string, item: S, enabled = true) {
  const page = z.object({ items: z.array(item), nextCursor: z.string().nullable() });
  return useInfiniteQuery({
    queryKey: ["paged", url],
    queryFn: ({ pageParam }) => fetchJson(withCursor(url, pageParam), page),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}
