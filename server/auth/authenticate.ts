import type { IncomingHttpHeaders } from "node:http";
import { getToken } from "next-auth/jwt";
import type { Db } from "../persistence/database.ts";
import { AppError } from "../core/errors.ts";
import { roleSchema, type Principal } from "../core/roles.ts";
import { resolveToken } from "./tokens.ts";
import { parseCookies } from "./parse-cookies.ts";
import { currentSessionVersion } from "./sessions.ts";

export const AUTH_HINT =
  "Authenticate with a dashboard session, an 'Authorization: Bearer <token>' header, or the 'Token-Code' and 'Token-User' headers (npm run token:create).";

/**
 * Who sent these headers: an API token (Bearer, or Linkis's Token-Code/Token-User) or a
 * next-auth session cookie. Null when none is present; a token that is present but wrong
 * is an error, not a silent fall-back to the cookie.
 */
export async function authenticate(
  db: Db,
  headers: IncomingHttpHeaders,
  authSecret: string,
  remoteAddress?: string,
): Promise<Principal | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1];
  const tokenCode = header(headers, "token-code");
  if (bearer || tokenCode) {
    const principal = await resolveToken(
      db,
      (bearer ?? tokenCode)!,
      bearer ? undefined : (header(headers, "token-user") ?? ""),
      Date.now(),
      remoteAddress,
    );
    if (!principal) throw new AppError("unauthenticated", `The API token is not valid. ${AUTH_HINT}`);
    return principal;
  }
  if (!headers.cookie) return null;
  const jwt = await getToken({ req: { headers, cookies: parseCookies(headers.cookie) } as never, secret: authSecret });
  const role = roleSchema.safeParse(jwt?.role);
  if (!jwt?.name || !role.success) return null;
  // A session from before a sign-out, password or role change is over, whatever its expiry says.
  const version = await currentSessionVersion(db, jwt.name);
  if (version === null || version !== (jwt.sv ?? 0)) return null;
  return { user: jwt.name, role: role.data, via: "session" };
}

const header = (headers: IncomingHttpHeaders, name: string) => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};
