import { logger } from "../core/logger.ts";

/**
 * Security events as one log line each (`"log":"security"`, level warn so they survive a quiet
 * LOG_LEVEL), for a log shipper to alert on: failed logins, lockouts, refused origins,
 * revocations, sessions ended.
 */
export type SecurityEvent =
  | { event: "login-failed"; user: string; address: string }
  | { event: "login-throttled"; user: string; address: string; retryAfterSec: number }
  | { event: "login-lockout"; scope: "user" | "address"; key: string; retryAfterSec: number }
  | { event: "csrf-refused"; user: string; method: string; path: string; reason: string }
  | { event: "socket-refused"; user: string; reason: string }
  | { event: "token-revoked"; by: string; prefixes: string[] }
  | { event: "sessions-ended"; user: string; reason: "sign-out" | "password" | "role" | "admin" }
  | { event: "heartbeat-refused"; user: string; source: string; owner: string };

export function logSecurityEvent(e: SecurityEvent) {
  logger().warn({ log: "security", ...e }, e.event);
}
