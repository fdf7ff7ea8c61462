"use client";

import { useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { fetchJson } from "../api/fetch-json.ts";
import { metricsSchema, type Metrics } from "./metrics-schema.ts";

export const REFRESH_MS = 3000;
const KEPT = 100; // five minutes of samples at the refresh rate

/** One sample of the charts' series. */
export interface MetricsPoint {
  time: number;
  bytes: number;
  maxBytes: number;
  hitRatio: number;
  heapUsed: number;
}

const pointOf = (m: Metrics): MetricsPoint => ({
  time: Date.parse(m.time),
  bytes: m.cache.bytes,
  maxBytes: m.cache.maxBytes,
  hitRatio: m.cache.hitRatio,
  heapUsed: m.cache.heap.used,
});

/**
 * GET /api/v1/metrics every few seconds (unless paused), with the samples seen since the page
 * opened, for the charts. The history lives in a ref the query function appends to, so a render
 * only ever reads the query's data.
 */
export function useLiveMetrics(paused: boolean) {
  const history = useRef<MetricsPoint[]>([]);
  return useQuery({
    queryKey: ["metrics"],
    queryFn: async () => {
      const metrics = await fetchJson("/api/v1/metrics", metricsSchema);
      history.current = [...history.current.slice(1 - KEPT), pointOf(metrics)];
      return { metrics, history: history.current };
    },
    refetchInterval: paused ? false : REFRESH_MS,
    staleTime: 0,
  });
}
