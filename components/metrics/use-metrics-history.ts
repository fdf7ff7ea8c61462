"use client";

import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { fetchJson } from "../api/fetch-json.ts";

/** The ranges the server keeps history for (GET /api/v1/metrics/history?range=). */
export const HISTORY_RANGES = [
  { value: "5m", label: "5 min" },
  { value: "1h", label: "1 hour" },
  { value: "6h", label: "6 hours" },
  { value: "24h", label: "24 hours" },
] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number]["value"];
export const DEFAULT_RANGE: HistoryRange = "1h";

export const isHistoryRange = (v: string | null): v is HistoryRange => HISTORY_RANGES.some((r) => r.value === v);

const historySchema = z.object({
  range: z.string(),
  from: z.string(),
  to: z.string(),
  sampleMs: z.number(),
  points: z.array(
    z.object({
      time: z.string(),
      bytes: z.number(),
      maxBytes: z.number(),
      contexts: z.number(),
      heapUsed: z.number(),
      heapLimit: z.number(),
      hits: z.number(),
      misses: z.number(),
      hitRatio: z.number().nullable(),
    }),
  ),
});

/** One point of the charts' series; `hitRatio` null means no lookups then (a gap, not 0%). */
export interface MetricsPoint {
  time: number;
  bytes: number;
  hitRatio: number | null;
  heapUsed: number;
}

/**
 * The server's sampled history of the cache's figures for a range, refreshed as often as the
 * server samples (unless paused): a reload or another browser sees the same charts.
 */
export function useMetricsHistory(range: HistoryRange, paused: boolean) {
  return useQuery({
    queryKey: ["metrics-history", range],
    queryFn: async () => {
      const h = await fetchJson(`/api/v1/metrics/history?range=${range}`, historySchema);
      const points: MetricsPoint[] = h.points.map((p) => ({
        time: Date.parse(p.time),
        bytes: p.bytes,
        hitRatio: p.hitRatio,
        heapUsed: p.heapUsed,
      }));
      return { ...h, points, fromMs: Date.parse(h.from), toMs: Date.parse(h.to) };
    },
    refetchInterval: (q) => (paused ? false : (q.state.data?.sampleMs ?? 10_000)),
    staleTime: 0,
  });
}
