import { createHash, randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Db } from "../persistence/database.ts";
import type { Principal, Role } from "./roles.ts";

const TOKEN_PREFIX = "cs_";
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates an API token for a user; the token is returned once and stored only as its hash. */
export async function createToken(db: Db, userName: string): Promise<string> {
  const user = await db.user.findUnique({ where: { name: userName } });
  if (!user) throw new Error(`No user named ${userName}: create it first with npm run user:create`);
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  await db.apiToken.create({ data: { userId: user.id, tokenHash: hashToken(token), prefix: token.slice(0, 10) } });
  return token;
}

/**
 * The principal a token stands for, or null. `expectedUser` is Linkis's Token-User header:
 * when given it must name the token's owner.
 */
export async function resolveToken(db: Db, token: string, expectedUser?: string): Promise<Principal | null> {
  const tokenHash = hashToken(token);
  let owner = recent.get(tokenHash);
  if (!owner) {
    const row = await db.apiToken.findUnique({ where: { tokenHash }, include: { user: true } });
    if (!row || row.revokedAt) return null;
    owner = { user: row.user.name, role: row.user.role as Role };
    recent.set(tokenHash, owner);
  }
  if (expectedUser !== undefined && expectedUser !== owner.user) return null;
  return { ...owner, via: "token" };
}

// Services send the same few tokens on every call: remember valid ones briefly instead of a
// database read per request. A revoked token stops working within the TTL.
const recent = new LRUCache<string, { user: string; role: Role }>({ max: 10_000, ttl: 30_000 });
