import { sendJson } from "../http/envelope.ts";
import type { Route } from "../http/route.ts";

/** GET /api/health: liveness and database reachability, open to all, revealing nothing else. */
export const healthRoute = (services: { ping(): Promise<boolean>; startedAt: number; version: string }): Route => ({
  method: "GET",
  path: "/api/health",
  permission: "public",
  style: "raw",
  async handle({ res }) {
    const databaseOk = await services.ping();
    sendJson(res, databaseOk ? 200 : 503, {
      status: databaseOk ? "ok" : "unavailable",
      database: databaseOk ? "ok" : "unreachable",
      uptimeSeconds: Math.round((Date.now() - services.startedAt) / 1000),
      version: services.version,
    });
  },
});
