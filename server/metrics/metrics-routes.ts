import { z } from "zod";
import { AUTH_HINT } from "../auth/index.ts";
import type { AutoClear, ContextCache } from "../cache/index.ts";
import { DASHBOARD_PREFIX } from "../http/dashboard-route.ts";
import { queryObject } from "../core/paging/query-params.ts";
import { AppError } from "../core/errors.ts";
import type { Authenticate, Route } from "../http/route.ts";
import { cacheOverview } from "./cache-overview.ts";
import { createPrometheusRegistry, type PrometheusRegistry } from "./prometheus-registry.ts";
import type { MetricsHistory } from "./metrics-history.ts";
import { topContexts } from "./top-contexts.ts";
import type { NodesDescription } from "../cluster/index.ts";

export const metricsQuery = z.object({ top: z.coerce.number().int().min(1).max(100).default(10) });

/** How far back the charts can look; the ring keeps METRICS_HISTORY_KEEP_MS (a day by default). */
export const historyRanges = { "5m": 5 * 60_000, "1h": 3600_000, "6h": 6 * 3600_000, "24h": 24 * 3600_000 } as const;
export const historyQuery = z.object({
  range: z.enum(Object.keys(historyRanges) as [keyof typeof historyRanges]).default("1h"),
  points: z.coerce.number().int().min(10).max(2000).default(360),
});

/** GET /api/v1/metrics (cache-wide figures and the top contexts) and GET /metrics (Prometheus). */
export interface MetricsDeps {
  cache: ContextCache;
  autoClear: AutoClear;
  history: MetricsHistory;
  /** This node's id: the `node` label of every Prometheus figure. */
  nodeId: string;
  /** Every node's figures and their sums (one process: this node alone). */
  nodes: () => Promise<NodesDescription>;
  /** METRICS_PUBLIC=1: GET /metrics needs no token. */
  metricsPublic: boolean;
  authenticate: Authenticate;
}

export const metricsRoutes = (services: MetricsDeps): Route[] => {
  // One registry per server, made on its first scrape.
  let registry: PrometheusRegistry | undefined;
  return [
    {
      method: "GET",
      path: `${DASHBOARD_PREFIX}metrics`,
      permission: "read",
      style: "json",
      query: metricsQuery,
      async handle({ url }) {
        const { top } = metricsQuery.parse(queryObject(url));
        const now = Date.now();
        const { node, registry, nodes, cluster } = await services.nodes();
        return {
          time: new Date(now).toISOString(),
          // This node's own figures, as before there was a cluster.
          cache: cacheOverview(services),
          top: {
            byBytes: topContexts(services.cache, top, "bytes", now),
            byAccesses: topContexts(services.cache, top, "accesses", now),
          },
          node,
          registry,
          nodes,
          cluster,
        };
      },
    },
    {
      method: "GET",
      path: `${DASHBOARD_PREFIX}metrics/history`,
      permission: "read",
      style: "json",
      summary: "The cache's sampled figures over a range (server-side history for the charts)",
      query: historyQuery,
      async handle({ url }) {
        const { range, points } = historyQuery.parse(queryObject(url));
        const to = Date.now();
        const from = to - historyRanges[range];
        const { history } = services;
        return {
          range,
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          sampleMs: history.intervalMs,
          points: history.range(from, to, points).map((p) => ({ ...p, time: new Date(p.time).toISOString() })),
        };
      },
    },
    {
      // Public as a route so the check below can honour METRICS_PUBLIC=1; otherwise any user's token.
      method: "GET",
      path: "/metrics",
      permission: "public",
      style: "raw",
      async handle({ req, res }) {
        if (!services.metricsPublic && !(await services.authenticate(req.headers))) {
          throw new AppError("unauthenticated", `GET /metrics needs a token (or METRICS_PUBLIC=1). ${AUTH_HINT}`);
        }
        registry ??= createPrometheusRegistry(() => cacheOverview(services), services.nodeId, services.nodes);
        const text = await registry.metrics();
        res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" }).end(text);
      },
    },
  ];
};
