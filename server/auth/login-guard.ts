import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CheckCredentials } from "../../lib/auth/credentials-bridge.ts";
import { logger } from "../core/logger.ts";
import { writeAudit } from "../cleanup/index.ts";
import type { Db } from "../persistence/database.ts";
import type { LoginThrottle } from "./login-throttle.ts";
import { logSecurityEvent } from "./security-log.ts";
import { checkCredentials, userNameSchema } from "./users.ts";

const ADDRESS_HEADER = "x-contextservice-client-address";
const ATTEMPT_HEADER = "x-contextservice-login-attempt";
/** What next-auth shows (`?error=`) when the check itself failed, e.g. the database is down. */
export const LOGIN_UNAVAILABLE = "LoginUnavailable";

/** next-auth's credentials login, the one request that takes a password. */
export const isLoginRequest = (req: IncomingMessage, pathname: string) =>
  req.method === "POST" && pathname === "/api/auth/callback/credentials";

/**
 * Throttles dashboard logins. next-auth runs inside Next.js and can only answer 401, so the
 * server marks each login request with the client's socket address (overwriting any header
 * of that name the client sent) and an attempt id; when the credentials check refuses the
 * attempt for throttling, the server turns that request's answer into 429 with Retry-After.
 */
export class LoginGuard {
  readonly #throttled = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly throttle: LoginThrottle,
  ) {}

  prepare(req: IncomingMessage, res: ServerResponse) {
    const attempt = randomUUID();
    req.headers[ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
    req.headers[ATTEMPT_HEADER] = attempt;
    const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      const wait = this.#throttled.get(attempt);
      if (wait === undefined) return writeHead(status, ...rest);
      this.#throttled.delete(attempt);
      res.setHeader("retry-after", String(wait));
      return writeHead(429, ...rest.filter((r) => typeof r !== "string"));
    }) as ServerResponse["writeHead"];
    res.on("close", () => this.#throttled.delete(attempt));
  }

  /**
   * The check next-auth's authorize() calls through the bridge. next-auth hands over whatever
   * the form or JSON body held, and puts a thrown error's message into the URL it redirects
   * to: so anything but a possible user name and a text password is a failed login without a
   * lookup, and a failure of ours is a fixed word, never the storage error (it showed the
   * Prisma call, a source path and lines of code).
   */
  check: CheckCredentials = async (name, password, headers) => {
    const address = headerOf(headers, ADDRESS_HEADER) ?? "unknown";
    if (typeof password !== "string" || !userNameSchema.safeParse(name).success) {
      logSecurityEvent({ event: "login-failed", user: typeof name === "string" ? name.slice(0, 256) : "", address });
      return null;
    }
    try {
      return await this.#check(name, password, headers, address);
    } catch (err) {
      logger().error({ component: "auth", err }, "credentials check failed");
      throw new Error(LOGIN_UNAVAILABLE);
    }
  };

  async #check(name: string, password: string, headers: unknown, address: string) {
    const attempt = headerOf(headers, ATTEMPT_HEADER);
    const wait = await this.throttle.retryAfter(name, address);
    if (wait > 0) {
      if (attempt) this.#throttled.set(attempt, wait);
      logSecurityEvent({ event: "login-throttled", user: name, address, retryAfterSec: wait });
      return { retryAfterSec: wait };
    }
    const user = await checkCredentials(this.db, name, password);
    if (user) {
      await this.throttle.succeeded(name);
      return user;
    }
    logSecurityEvent({ event: "login-failed", user: name, address });
    for (const lockout of await this.throttle.failed(name, address)) {
      logSecurityEvent({ event: "login-lockout", ...lockout });
      await writeAudit(this.db, {
        actor: lockout.scope === "user" ? lockout.key : `address ${lockout.key}`,
        action: "login-lockout",
        criteria: { scope: lockout.scope, key: lockout.key, retryAfterSec: lockout.retryAfterSec },
        count: 1,
        durationMs: 0,
        outcome: "refused",
        detail: `too many failed logins for this ${lockout.scope}: locked for ${lockout.retryAfterSec} s`,
      });
    }
    return null;
  }
}

/** next-auth hands authorize() the headers as a plain object or a Headers instance. */
function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  const h = headers as { get?: (n: string) => string | null } & Record<string, unknown>;
  const v = typeof h.get === "function" ? h.get(name) : h[name];
  return typeof v === "string" ? v : Array.isArray(v) ? String(v[0]) : undefined;
}
