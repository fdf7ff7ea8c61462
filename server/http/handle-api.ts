import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { can, permissions, type Principal } from "../core/roles.ts";
import { AppError, badInput } from "../core/errors.ts";
import { badStringIn } from "../core/json-guards.ts";
import { errorEnvelope, okEnvelope, sendJson } from "./envelope.ts";
import { readJsonBody } from "./read-body.ts";
import { LINKIS_PREFIX, linkisMethodName, type Authenticate, type RequestContext, type Route } from "./route.ts";
import { RouteTable } from "./route-table.ts";
import { toAppError } from "../core/to-app-error.ts";
import { startRequestLog } from "./request-log.ts";
import { OPENAPI_PATH } from "./openapi-route.ts";

/**
 * Paths the custom server answers itself; everything else goes to Next. `/metrics` is both the
 * Prometheus endpoint and the dashboard's metrics page: a browser asking for HTML, or Next's
 * router (its `RSC` header), gets the page; a scraper (or curl) gets the text format.
 */
export const isApiPath = (pathname: string, headers: IncomingHttpHeaders = {}) =>
  pathname.startsWith("/api/rest_j/") ||
  pathname.startsWith("/api/v1/") ||
  pathname === "/api/health" ||
  pathname === OPENAPI_PATH ||
  (pathname === "/metrics" && !wantsPage(headers));

const wantsPage = (headers: IncomingHttpHeaders) =>
  headers.rsc !== undefined || /\btext\/html\b/.test(headers.accept ?? "");

export interface ApiOptions {
  authenticate: Authenticate;
  /** Appended to "Not logged in." so a caller learns how to authenticate. */
  authHint: string;
  bodyLimitBytes: number;
  /** Runs after authentication, before authorization (the CSRF defence); throws to refuse. */
  checkRequest?: (req: IncomingMessage, principal: Principal, url: URL) => void;
}

/**
 * The REST front door: match, authenticate, authorize, run the handler, answer in the
 * route's style. Every failure becomes an envelope with the right status; only AppError
 * messages reach the caller.
 */
export function createApiHandler(
  routes: Route[],
  { authenticate, authHint, bodyLimitBytes, checkRequest }: ApiOptions,
) {
  const table = new RouteTable(routes);

  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = url.pathname.startsWith(LINKIS_PREFIX) ? linkisMethodName(url.pathname) : url.pathname;
    const log = startRequestLog(req, res);
    try {
      const match = table.match(req.method ?? "GET", url.pathname);
      if (!match) throw new AppError("not_found", `No endpoint at ${url.pathname}.`);
      if ("methodNotAllowed" in match)
        throw new AppError("method_not_allowed", `${url.pathname} does not accept ${req.method}.`);
      const { route, params } = match;
      log.route = route.path;
      for (const [name, value] of url.searchParams) {
        const bad = badStringIn(value, name) ?? badStringIn(name, "query parameter name");
        if (bad) throw badInput(bad);
      }
      const principal =
        route.permission === "public" ? null : await authenticate(req.headers, req.socket.remoteAddress);
      if (route.permission !== "public") {
        if (!principal) throw new AppError("unauthenticated", `Not logged in. ${authHint}`);
        log.user = principal.user;
        checkRequest?.(req, principal, url);
        if (!can(principal, route.permission)) {
          throw new AppError(
            "forbidden",
            `User ${principal.user} (role ${principal.role}) may not do this: role ${permissions[route.permission].join(" or ")} is required.`,
          );
        }
      }
      let bodyPromise: Promise<unknown> | undefined;
      const ctx: RequestContext = {
        req,
        res,
        url,
        params,
        principal: principal!,
        body: () => (bodyPromise ??= readJsonBody(req, bodyLimitBytes)),
      };
      const result = await route.handle(ctx);
      if (route.style === "linkis") sendJson(res, 200, okEnvelope(method, result ?? {}));
      else if (route.style === "json") sendJson(res, 200, result);
    } catch (err) {
      const appErr = toAppError(err);
      if (appErr.code === "internal") log.logger().error({ err }, "request failed");
      sendJson(
        res,
        appErr.http,
        errorEnvelope(method, appErr),
        appErr.code === "too_large" ? { connection: "close" } : {},
      );
    }
  };
}
