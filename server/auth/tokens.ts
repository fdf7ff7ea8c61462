import { createHash, randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Db } from "../persistence/database.ts";
import type { Principal, Role } from "../core/roles.ts";

const TOKEN_PREFIX = "cs_";
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates an API token for a user; the token is returned once and stored only as its hash. */
export async function createToken(db: Db, userName: string, opts: { expiresAt?: Date } = {}): Promise<string> {
  const user = await db.user.findUnique({ where: { name: userName } });
  if (!user) throw new Error(`No user named ${userName}: create it first with npm run user:create`);
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  await db.apiToken.create({
    data: { userId: user.id, tokenHash: hashToken(token), prefix: token.slice(0, 10), expiresAt: opts.expiresAt },
  });
  return token;
}

interface CachedOwner {
  user: string;
  role: Role;
  /** ms since the epoch; Infinity when the token never expires. */
  expiresAt: number;
}

/**
 * The principal a token stands for, or null. `expectedUser` is Linkis's Token-User header:
 * when given it must name the token's owner.
 */
export async function resolveToken(
  db: Db,
  token: string,
  expectedUser?: string,
  now = Date.now(),
): Promise<Principal | null> {
  const tokenHash = hashToken(token);
  let owner = recent.get(tokenHash);
  if (!owner) {
    const row = await db.apiToken.findUnique({ where: { tokenHash }, include: { user: true } });
    if (!row || row.revokedAt) return null;
    owner = { user: row.user.name, role: row.user.role as Role, expiresAt: row.expiresAt?.getTime() ?? Infinity };
    recent.set(tokenHash, owner);
  }
  if (owner.expiresAt <= now) return null;
  if (expectedUser !== undefined && expectedUser !== owner.user) return null;
  return { user: owner.user, role: owner.role, via: "token" };
}

/**
 * Revokes tokens by id (all of a user's when `userName` is given instead): the database row
 * first, then this node's cache, so the very next request with it is refused here. Other
 * nodes drop it when their short cache TTL runs out. Answers the revoked tokens' prefixes.
 */
export async function revokeTokens(
  db: Db,
  which: { id: number } | { userName: string },
  now = new Date(),
): Promise<string[]> {
  const where = "id" in which ? { id: which.id, revokedAt: null } : { user: { name: which.userName }, revokedAt: null };
  const rows = await db.apiToken.findMany({ where, select: { id: true, tokenHash: true, prefix: true } });
  if (rows.length === 0) return [];
  await db.apiToken.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { revokedAt: now } });
  for (const r of rows) recent.delete(r.tokenHash);
  return rows.map((r) => r.prefix);
}

/** Drops a user's cached tokens on this node, e.g. after a role change, so the next call reads the new role. */
export function forgetCachedTokensOf(userName: string) {
  for (const [hash, owner] of recent.entries()) if (owner.user === userName) recent.delete(hash);
}

// Services send the same few tokens on every call: remember valid ones briefly instead of a
// database read per request. Revocation on this node deletes the entry at once; the TTL bounds
// how long another node may still accept a token revoked elsewhere.
const recent = new LRUCache<string, CachedOwner>({ max: 10_000, ttl: 5_000 });
