import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { AppError } from "../core/errors.ts";
import type { Principal } from "../core/roles.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a cookie-authenticated, state-changing request looks cross-site, or null when it is fine.
 * A browser attaches the session cookie to any site's form post (SameSite=Lax still allows
 * top-level POST navigations in some browsers and all same-site subdomains), so such requests
 * must be JSON (a form cannot send it without a CORS preflight) and come from our own origin.
 * Token-authenticated calls carry no ambient credential and are not checked.
 */
export function csrfProblem(req: IncomingMessage, principal: Principal, publicUrl?: string): string | null {
  if (principal.via !== "session" || SAFE_METHODS.has(req.method ?? "GET")) return null;
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") return `Content-Type must be application/json, not "${type || "none"}"`;
  return crossSiteProblem(req.headers, publicUrl);
}

/**
 * Why a cookie-authenticated socket.io handshake looks cross-site, or null when it is fine.
 * Browsers send the session cookie with a WebSocket opened by any site, and the Same-Origin
 * Policy does not apply to WebSockets: without this check another site's page could open
 * `/events` as the signed-in user and read every change (cross-site WebSocket hijacking).
 * Sockets authenticated by a token are not checked.
 */
export function socketOriginProblem(
  headers: IncomingHttpHeaders,
  principal: Principal,
  publicUrl?: string,
): string | null {
  return principal.via === "session" ? crossSiteProblem(headers, publicUrl) : null;
}

/** Our own origin, by `Sec-Fetch-Site: same-origin` or an `Origin` that is this server (or its public URL). */
function crossSiteProblem(headers: IncomingHttpHeaders, publicUrl?: string): string | null {
  const site = headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin") return `Sec-Fetch-Site is ${site}`;
  const origin = headers.origin;
  if (origin === undefined) return site === undefined ? "neither Origin nor Sec-Fetch-Site was sent" : null;
  const host = headers.host;
  const allowed = new Set([`http://${host}`, `https://${host}`]);
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  return allowed.has(origin) ? null : `Origin ${origin} is not this server`;
}

export const csrfRefusal = (reason: string) =>
  new AppError(
    "forbidden",
    `Cross-site request refused (${reason}): a dashboard session may only change data from this site's own pages with a JSON body. Services should use an API token.`,
  );

export const socketRefusal = (reason: string) =>
  new AppError(
    "forbidden",
    `Cross-site socket.io connection refused (${reason}): a dashboard session may only connect from this site's own pages. Services should use an API token (auth: { token }).`,
  );
