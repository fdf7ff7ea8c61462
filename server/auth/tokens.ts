import { createHash, randomBytes } from "node:crypto";
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
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.revokedAt) return null;
  if (expectedUser !== undefined && expectedUser !== row.user.name) return null;
  return { user: row.user.name, role: row.user.role as Role, via: "token" };
}
