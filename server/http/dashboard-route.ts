import type { Route, RouteDocs } from "./route.ts";

export const DASHBOARD_PREFIX = "/api/v1/";

/** A read-only dashboard endpoint `GET /api/v1/<path>`, answered as plain JSON. */
export function dashboardRoute(
  path: string,
  ...rest: [handle: Route["handle"]] | [docs: RouteDocs, handle: Route["handle"]]
): Route {
  const [docs, handle] = rest.length === 1 ? [{}, rest[0]] : rest;
  return { method: "GET", path: DASHBOARD_PREFIX + path, permission: "read", style: "json", handle, ...docs };
}
