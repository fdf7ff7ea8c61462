import type { Route } from "../http/route.ts";

/** GET /api/v1/me: who the caller is authenticated as (dashboard and SDK use it to check a token). */
export const meRoute: Route = {
  method: "GET",
  path: "/api/v1/me",
  permission: "read",
  style: "json",
  handle: async ({ principal }) => ({ user: principal.user, role: principal.role, via: principal.via }),
};
