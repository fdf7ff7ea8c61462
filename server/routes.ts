import { TokenStore } from "./auth/token-store.ts";
import { UserStore } from "./auth/user-store.ts";
import { AuditStore } from "./cleanup/audit-store.ts";
import { ClearJobStore } from "./cleanup/clear-job-store.ts";
import { ClearTargetStore } from "./cleanup/clear-target-store.ts";
import { DashboardReads } from "./dashboard/dashboard-reads.ts";
import { meRoute } from "./auth/me-route.ts";
import { tokenRoutes } from "./auth/token-routes.ts";
import { userRoutes } from "./auth/user-routes.ts";
import { cleanupJobsRoutes } from "./cleanup/cleanup-jobs-routes.ts";
import { cleanupRoutes } from "./cleanup/cleanup-routes.ts";
import { contextIdRoutes } from "./contexts/routes/context-id-routes.ts";
import { historyRoutes } from "./contexts/routes/history-routes.ts";
import { valueRoutes } from "./contexts/routes/value-routes.ts";
import { contextActionsRoutes } from "./dashboard/context-actions-routes.ts";
import { dashboardRoutes } from "./dashboard/dashboard-routes.ts";
import { overviewRoute } from "./dashboard/overview-route.ts";
import { recentProblems } from "./core/recent-problems.ts";
import { createOverviewStore } from "./dashboard/overview-store.ts";
import { healthRoute } from "./health/health-route.ts";
import { openApiRoute } from "./http/openapi-route.ts";
import type { Authenticate, Route } from "./http/route.ts";
import { heartbeatRoutes } from "./listeners/heartbeat/heartbeat-routes.ts";
import { listenersRoute } from "./listeners/listeners-route.ts";
import { metricsRoutes } from "./metrics/metrics-routes.ts";
import { describeNodes, nodesRoute } from "./cluster/index.ts";
import type { Services } from "./services.ts";

/**
 * Every endpoint the custom server answers. Each domain folder contributes its own group; this
 * is the one place that hands each group the services it uses, and nothing more.
 */
export function buildRoutes(s: Services, authenticate: Authenticate): Route[] {
  // The stores are built here, once: route groups get them, never the database.
  const db = s.database.prisma;
  const audit = new AuditStore(db);
  const users = new UserStore(db);
  const routes: Route[] = [
    healthRoute({
      ping: () => s.database.ping(),
      startedAt: s.startedAt,
      version: s.version,
      cluster: s.cluster && { nodeId: s.cluster.nodeId, redisReachable: () => s.cluster!.redisReachable() },
    }),
    meRoute,
    ...contextIdRoutes({ contexts: s.contexts }),
    ...valueRoutes({ contexts: s.contexts }),
    ...historyRoutes({ contexts: s.contexts, histories: s.histories, rules: s.rules }),
    ...heartbeatRoutes({ heartbeats: s.heartbeats }),
    ...cleanupRoutes({ cleaner: s.cleaner, targets: new ClearTargetStore(db), audit }),
    ...cleanupJobsRoutes({ cleaner: s.cleaner, jobs: new ClearJobStore(db), audit }),
    listenersRoute({ heartbeats: s.heartbeats, live: s.live }),
    ...tokenRoutes({ tokens: new TokenStore(db), users, audit }),
    ...userRoutes({ users, audit }),
    ...dashboardRoutes({
      reads: new DashboardReads({ db, provider: s.database.provider, cache: s.cache, histories: s.histories }),
    }),
    overviewRoute({
      store: createOverviewStore(db, s.database.provider),
      cache: s.cache,
      listeners: () => ({
        live: s.live.size,
        lagged: s.live.lagged,
        heartbeat: s.heartbeats.size,
      }),
      version: s.version,
      startedAt: s.startedAt,
      problems: () => recentProblems.list(),
    }),
    ...contextActionsRoutes({ contexts: s.contexts, audit }),
    nodesRoute({ nodes: s.nodes }),
    ...metricsRoutes({
      cache: s.cache,
      autoClear: s.autoClear,
      history: s.metricsHistory,
      nodeId: s.nodes.id,
      nodes: () => describeNodes(s.nodes),
      metricsPublic: s.config.METRICS_PUBLIC === "1",
      authenticate,
    }),
  ];
  routes.push(
    openApiRoute(routes, {
      title: "ContextService",
      version: s.version,
      description: "Linkis-compatible context service. The contract in words: docs/API.md.",
    }),
  );
  return routes;
}
