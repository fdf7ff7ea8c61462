"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "../api/fetch-json.ts";
import { metricsSchema } from "./metrics-schema.ts";

export const REFRESH_MS = 3000;

/** GET /api/v1/metrics every few seconds (unless paused): the figures as they are now. */
export function useLiveMetrics(paused: boolean) {
  return useQuery({
    queryKey: ["metrics"],
    queryFn: () => fetchJson("/api/v1/metrics", metricsSchema),
    refetchInterval: paused ? false : REFRESH_MS,
    staleTime: 0,
  });
}
