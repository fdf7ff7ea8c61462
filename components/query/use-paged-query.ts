import { useInfiniteQuery } from "@tanstack/react-query";
import { z } from "zod";
import { fetchJson } from "../api/fetch-json.ts";

const withCursor = (url: string, cursor: string | undefined) =>
  cursor ? `${url}${url.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(cursor)}` : url;

const basePage = z.object({ nextCursor: z.string().nullable() });

/**
 * A cursor-paged list of the dashboard API (`{ items, nextCursor, ... }`) at `url`: the first
 * page at once, each next one only when asked (fetchNextPage), never the whole list. With
 * `refetchMs`, every loaded page is refetched that often (live lists); `extra` adds fields of
 * the page itself (totals) to its schema.
 */
export function usePagedQuery<S extends z.ZodType, E extends z.ZodRawShape = Record<never, never>>(
  url: string,
  item: S,
  { enabled = true, refetchMs, extra }: { enabled?: boolean; refetchMs?: number | false; extra?: E } = {},
) {
  const page = basePage.extend({ items: z.array(item), ...(extra ?? ({} as E)) });
  return useInfiniteQuery({
    queryKey: ["paged", url],
    queryFn: ({ pageParam }) => fetchJson(withCursor(url, pageParam), page),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last as z.infer<typeof basePage>).nextCursor ?? undefined,
    enabled,
    ...(refetchMs !== undefined && { refetchInterval: refetchMs, staleTime: 0 }),
  });
}
