import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { ZodType } from "zod";
import type { Permission, Principal } from "../core/roles.ts";

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** Set for every route but the public ones. */
  principal: Principal;
  /** The parsed JSON body (POST), read lazily under the size limit. */
  body(): Promise<unknown>;
}

/** Who sent these headers; null when no credentials came, an AppError when they are wrong. */
/** Who sent these headers; `remoteAddress` lets a gateway token check its hosts. */
export type Authenticate = (headers: IncomingHttpHeaders, remoteAddress?: string) => Promise<Principal | null>;

/**
 * One endpoint. A route group is made by a function that receives only the services its
 * handlers use (server/routes.ts wires them). `style` says how its result is answered: `linkis` wraps it in the Linkis
 * envelope, `json` sends it as is, `raw` means the handler wrote the response itself.
 */
export interface Route {
  method: "GET" | "POST";
  path: string;
  permission: Permission | "public";
  style: "linkis" | "json" | "raw";
  handle(ctx: RequestContext): Promise<unknown>;
  /** One line for the OpenAPI document (`GET /api/openapi.json`). */
  summary?: string;
  /** The schemas the handler parses its body and query with, so the OpenAPI document shows them. */
  body?: ZodType;
  query?: ZodType;
}

/** What a route may say about itself besides how it is handled. */
export type RouteDocs = Pick<Route, "summary" | "body" | "query">;

export const LINKIS_PREFIX = "/api/rest_j/v1/contextservice/";

/**
 * A Linkis endpoint `/api/rest_j/v1/contextservice/<name>`. Its docs (the body or query schema
 * its handler parses), when given, come before the handler so the handler's body keeps its indent.
 */
export function linkisRoute(
  method: Route["method"],
  name: string,
  permission: Permission,
  ...rest: [handle: Route["handle"]] | [docs: RouteDocs, handle: Route["handle"]]
): Route {
  const [docs, handle] = rest.length === 1 ? [{}, rest[0]] : rest;
  return { method, path: LINKIS_PREFIX + name, permission, style: "linkis", handle, ...docs };
}

/** The envelope's `method` for a Linkis path: `/api/contextservice/<name>`. */
export const linkisMethodName = (pathname: string) => "/api/contextservice/" + pathname.slice(LINKIS_PREFIX.length);
