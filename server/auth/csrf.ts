import type { IncomingMessage } from "node:http";
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
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin") return `Sec-Fetch-Site is ${site}`;
  const origin = req.headers.origin;
  if (origin === undefined) return site === undefined ? "neither Origin nor Sec-Fetch-Site was sent" : null;
  const host = req.headers.host;
  const allowed = new Set([`http://${host}`, `https://${host}`]);
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  return allowed.has(origin) ? null : `Origin ${origin} is not this server`;
}

export const csrfRefusal = (reason: string) =>
  new AppError(
    "forbidden",
    `Cross-site request refused (${reason}): a dashboard session may only change data from this site's own pages with a JSON body. Services should use an API token.`,
  );
