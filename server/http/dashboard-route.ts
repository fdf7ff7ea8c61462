import type { Route } from "./route.ts";

export const DASHBOARD_PREFIX = "/api/v1/";

/** A read-only dashboard endpoint `GET /api/v1/<path>`, answered as plain JSON. */
export const dashboardRoute = (path: string, handle: Route["handle"]): Route => ({
  method: "GET",
  path: DASHBOARD_PREFIX + path,
  permission: "read",
  style: "json",
  handle,
});
