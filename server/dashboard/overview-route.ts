import type { ContextCache } from "../cache/index.ts";
import { can } from "../core/roles.ts";
import { dashboardRoute } from "../http/dashboard-route.ts";
import type { Route } from "../http/route.ts";
import type { Problem } from "../core/recent-problems.ts";
import type { OverviewStore } from "./overview-store.ts";

export interface OverviewDeps {
  store: OverviewStore;
  cache: ContextCache;
  /** Live socket.io subscribers and heartbeat clients, as this process holds them. */
  listeners: () => { live: number; lagged: number; heartbeat: number };
  version: string;
  startedAt: number;
  /** The latest warnings and errors from the log, newest first. */
  problems: () => Problem[];
}

/**
 * GET /api/v1/overview: the service at a glance — contexts and entries in the database, the
 * cache's use and hit ratio, listeners, and for admins the latest clears and the latest warnings
 * and errors from the log (they can name users and paths, so viewers get null).
 */
export const overviewRoute = (deps: OverviewDeps): Route =>
  dashboardRoute(
    "overview",
    { summary: "Counts, cache, listeners, and for admins the latest clears and problems" },
    async ({ principal }) => {
      const stats = deps.cache.stats();
      const { contexts, entries, countedAt } = await deps.store.counts();
      return {
        time: new Date().toISOString(),
        version: deps.version,
        startedAt: new Date(deps.startedAt).toISOString(),
        contexts,
        entries,
        countedAt,
        cache: {
          contexts: stats.contexts,
          maxContexts: stats.maxContexts,
          bytes: stats.bytes,
          maxBytes: stats.maxBytes,
          hits: stats.hits,
          misses: stats.misses,
          // null, not 0, before the first lookup: there is no ratio yet.
          hitRatio: stats.hits + stats.misses > 0 ? stats.hitRatio : null,
        },
        listeners: deps.listeners(),
        cleanups: can(principal, "cleanup") ? await deps.store.recentCleanups(5) : null,
        problems: can(principal, "audit") ? deps.problems().slice(0, 10) : null,
      };
    },
  );
