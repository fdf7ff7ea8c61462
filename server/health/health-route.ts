import { sendJson } from "../http/envelope.ts";
import type { Route } from "../http/route.ts";

export interface HealthServices {
  ping(): Promise<boolean>;
  startedAt: number;
  version: string;
  /** Cluster mode only: this node's id and whether Redis answers. */
  cluster?: { nodeId: string; redisReachable(): Promise<boolean> };
}

/**
 * GET /api/health: liveness and database reachability, open to all, revealing nothing else. In
 * cluster mode also which node answered and whether Redis is reachable; Redis down does not make
 * the node unhealthy (writes go on, PostgreSQL is the truth).
 */
export const healthRoute = (services: HealthServices): Route => ({
  method: "GET",
  path: "/api/health",
  permission: "public",
  style: "raw",
  async handle({ res }) {
    const [databaseOk, redisOk] = await Promise.all([services.ping(), services.cluster?.redisReachable()]);
    sendJson(res, databaseOk ? 200 : 503, {
      status: databaseOk ? "ok" : "unavailable",
      database: databaseOk ? "ok" : "unreachable",
      uptimeSeconds: Math.round((Date.now() - services.startedAt) / 1000),
      version: services.version,
      ...(services.cluster && { node: services.cluster.nodeId, redis: redisOk ? "ok" : "unreachable" }),
    });
  },
});
