"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { z } from "zod";
import { fetchJson } from "../api/fetch-json.ts";

export const REFRESH_MS = 3000;

/**
 * One kind of GET /api/v1/listeners, a page at a time (fetchNextPage for more), every loaded
 * page refetched every few seconds unless paused: listeners come and go by the second.
 */
export function useListenersList<S extends z.ZodType>(kind: "live" | "heartbeat", item: S, paused: boolean) {
  const page = z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number(), lagged: z.number().optional() });
  return useInfiniteQuery({
    queryKey: ["listeners", kind],
    queryFn: ({ pageParam }) => fetchJson(`/api/v1/listeners?${new URLSearchParams({ kind, ...(pageParam && { cursor: pageParam }) })}`, page),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: paused ? false : REFRESH_MS,
    staleTime: 0,
  });
}
