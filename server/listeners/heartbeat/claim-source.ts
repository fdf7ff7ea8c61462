import { logSecurityEvent } from "../../auth/index.ts";
import { AppError } from "../../core/errors.ts";
import type { Principal } from "../../core/roles.ts";

/**
 * The owner `source` has once `caller` uses it: its current owner, or the caller for a new (or
 * owner-less, older) client. Throws 403 when it belongs to someone else and the caller is not
 * an admin.
 */
export function claimSource(caller: Principal, source: string, currentOwner: string | undefined): string {
  const owner = currentOwner || caller.user;
  if (owner !== caller.user && caller.role !== "admin") {
    logSecurityEvent({ event: "heartbeat-refused", user: caller.user, source, owner });
    throw new AppError(
      "forbidden",
      `Listener client ${source} belongs to another user; only its owner or an admin may use it. Pick another source name.`,
    );
  }
  return owner;
}
