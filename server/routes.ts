import { meRoute } from "./auth/me-route.ts";
import { tokenRoutes } from "./auth/token-routes.ts";
import { contextIdRoutes } from "./contexts/routes/context-id-routes.ts";
import { dashboardRoutes } from "./dashboard/dashboard-routes.ts";
import { historyRoutes } from "./contexts/routes/history-routes.ts";
import { valueRoutes } from "./contexts/routes/value-routes.ts";
import { healthRoute } from "./health/health-route.ts";
import { cleanupJobsRoutes } from "./cleanup/cleanup-jobs-routes.ts";
import { cleanupRoutes } from "./cleanup/cleanup-routes.ts";
import { metricsRoutes } from "./metrics/metrics-routes.ts";
import { heartbeatRoutes } from "./listeners/heartbeat/heartbeat-routes.ts";
import { listenersRoute } from "./listeners/listeners-route.ts";
import type { Route } from "./http/route.ts";

/** Every endpoint the custom server answers. Each domain folder contributes its own. */
export const routes: Route[] = [
  healthRoute,
  meRoute,
  ...contextIdRoutes,
  ...valueRoutes,
  ...historyRoutes,
  ...heartbeatRoutes,
  ...cleanupRoutes,
  ...cleanupJobsRoutes,
  listenersRoute,
  ...tokenRoutes,
  ...dashboardRoutes,
  ...metricsRoutes,
];
