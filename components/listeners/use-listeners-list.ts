"use client";

import { z } from "zod";
import { usePagedQuery } from "../query/use-paged-query.ts";

export const REFRESH_MS = 3000;

/**
 * One kind of GET /api/v1/listeners, a page at a time (fetchNextPage for more), every loaded
 * page refetched every few seconds unless paused: listeners come and go by the second.
 */
export function useListenersList<S extends z.ZodType>(kind: "live" | "heartbeat", item: S, paused: boolean) {
  return usePagedQuery(`/api/v1/listeners?kind=${kind}`, item, {
    refetchMs: paused ? false : REFRESH_MS,
    extra: { total: z.number(), lagged: z.number().optional() },
  });
}
