import type { Db } from "../persistence/database.ts";
import { forgetCachedTokensOf } from "./tokens.ts";

/**
 * Dashboard sessions are stateless JWTs; each carries its user's session version from login.
 * Bumping the version ends every session of that user at once (sign-out, password or role
 * change): the version is read on every cookie-authenticated request.
 */
export async function currentSessionVersion(db: Db, userName: string): Promise<number | null> {
  const row = await db.user.findUnique({ where: { name: userName }, select: { sessionVersion: true } });
  return row?.sessionVersion ?? null;
}

/** Ends every dashboard session of the user; returns false when there is no such user. */
export async function endSessions(db: Db, userName: string): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: { name: userName },
    data: { sessionVersion: { increment: 1 } },
  });
  forgetCachedTokensOf(userName);
  return count > 0;
}
