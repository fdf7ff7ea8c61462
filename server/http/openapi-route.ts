import { openApiDocument, type OpenApiInfo } from "./openapi.ts";
import type { Route } from "./route.ts";

export const OPENAPI_PATH = "/api/openapi.json";

/**
 * GET /api/openapi.json, public like the API's documentation. `routes` is the live table this
 * route is part of; the document is built on first request, once the table is complete.
 */
export function openApiRoute(routes: readonly Route[], info: OpenApiInfo): Route {
  let document: unknown;
  return {
    method: "GET",
    path: OPENAPI_PATH,
    permission: "public",
    style: "json",
    summary: "This document: every route of the API, with the schemas of its bodies and queries.",
    handle: async () => (document ??= openApiDocument(routes, info)),
  };
}
