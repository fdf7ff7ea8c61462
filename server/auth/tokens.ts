import { hash, randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Db } from "../persistence/database.ts";
import { roleSchema, type Principal, type Role } from "../core/roles.ts";
import { recordTokenUse } from "./token-last-use.ts";

const TOKEN_PREFIX = "cs_";
// One-shot hash: no Hash object per request on the token path.
const hashToken = (token: string) => hash("sha256", token, "hex");

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

/**
 * Creates a gateway token, Linkis style: no owner; it acts as the request's Token-User when
 * that user is one of `users` ("*" for any) and the caller's address one of `hosts` (none
 * given: any), with `role`. Answers the token, shown once, stored only as its hash.
 */
export async function createGatewayToken(
  db: Db,
  spec: { name: string; users: string[]; hosts?: string[]; role: Role; expiresAt?: Date },
): Promise<string> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  // A name is reusable once its token is revoked: the old row keeps a marked name for the record.
  const old = await db.apiToken.findUnique({ where: { name: spec.name } });
  if (old?.revokedAt) await db.apiToken.update({ where: { id: old.id }, data: { name: `${spec.name}#${old.id}` } });
  await db.apiToken.create({
    data: {
      name: spec.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      users: JSON.stringify(spec.users),
      hosts: spec.hosts?.length ? JSON.stringify(spec.hosts) : null,
      role: spec.role,
      expiresAt: spec.expiresAt,
    },
  });
  return token;
}

type CachedOwner = {
  /** ms since the epoch; Infinity when the token never expires. */
  expiresAt: number;
} & ({ user: string; role: Role } | { gateway: Gateway });

interface Gateway {
  name: string;
  role: Role;
  /** null: any user ("*"). */
  users: Set<string> | null;
  /** null: any host. */
  hosts: Set<string> | null;
}

const readList = (json: string | null): Set<string> | null => {
  if (json === null) return null;
  const list = JSON.parse(json) as string[];
  return list.includes("*") ? null : new Set(list);
};

/** `::ffff:10.0.0.1` (an IPv4 caller on a dual-stack socket) is 10.0.0.1. */
const normalHost = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");

/**
 * The principal a token stands for, or null. `expectedUser` is Linkis's Token-User header:
 * for a user token it must name the owner; a gateway token acts as that user when its users
 * and hosts allow it (and needs one: a gateway token alone names nobody).
 */
export async function resolveToken(
  db: Db,
  token: string,
  expectedUser?: string,
  now = Date.now(),
  remoteAddress?: string,
): Promise<Principal | null> {
  const tokenHash = hashToken(token);
  let owner = recent.get(tokenHash);
  if (!owner) {
    const row = await db.apiToken.findUnique({ where: { tokenHash }, include: { user: true } });
    if (!row || row.revokedAt) return null;
    const expiresAt = row.expiresAt?.getTime() ?? Infinity;
    if (row.user) owner = { user: row.user.name, role: row.user.role as Role, expiresAt };
    else {
      const role = roleSchema.safeParse(row.role);
      if (!row.name || !role.success) return null;
      owner = {
        expiresAt,
        gateway: { name: row.name, role: role.data, users: readList(row.users ?? "[]"), hosts: readList(row.hosts) },
      };
    }
    recent.set(tokenHash, owner);
  }
  if (owner.expiresAt <= now) return null;
  if ("gateway" in owner) {
    const { users, hosts, role, name } = owner.gateway;
    if (!expectedUser) return null;
    if (users && !users.has(expectedUser)) return null;
    if (hosts && !(remoteAddress && hosts.has(normalHost(remoteAddress)))) return null;
    recordTokenUse(db, tokenHash, now);
    return { user: expectedUser, role, via: "token", gateway: name };
  }
  if (expectedUser !== undefined && expectedUser !== owner.user) return null;
  recordTokenUse(db, tokenHash, now);
  return { user: owner.user, role: owner.role, via: "token" };
}

/** Every token, newest last, never its secret: user tokens with their owner, gateway tokens with their grant. */
export async function listTokens(db: Db) {
  const rows = await db.apiToken.findMany({
    orderBy: { id: "asc" },
    take: 1000,
    include: { user: { select: { name: true, role: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.user ? ("user" as const) : ("gateway" as const),
    name: r.name,
    prefix: r.prefix,
    user: r.user?.name ?? null,
    role: r.user?.role ?? r.role,
    users: r.users ? (JSON.parse(r.users) as string[]) : null,
    hosts: r.hosts ? (JSON.parse(r.hosts) as string[]) : null,
    createTime: r.createTime.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

/**
 * Revokes tokens by id (all of a user's when `userName` is given instead): the database row
 * first, then this node's cache, so the very next request with it is refused here. Other
 * nodes drop it when their short cache TTL runs out. Answers the revoked tokens' prefixes.
 */
export async function revokeTokens(
  db: Db,
  which: { id: number } | { userName: string } | { name: string },
  now = new Date(),
): Promise<string[]> {
  const where =
    "id" in which
      ? { id: which.id, revokedAt: null }
      : "name" in which
        ? { name: which.name, revokedAt: null }
        : { user: { name: which.userName }, revokedAt: null };
  const rows = await db.apiToken.findMany({ where, select: { id: true, tokenHash: true, prefix: true } });
  if (rows.length === 0) return [];
  await db.apiToken.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { revokedAt: now } });
  for (const r of rows) recent.delete(r.tokenHash);
  return rows.map((r) => r.prefix);
}

/** Drops a user's cached tokens on this node, e.g. after a role change, so the next call reads the new role. */
export function forgetCachedTokensOf(userName: string) {
  for (const [hash, owner] of recent.entries()) if ("user" in owner && owner.user === userName) recent.delete(hash);
}

// Services send the same few tokens on every call: remember valid ones briefly instead of a
// database read per request. Revocation on this node deletes the entry at once; the TTL bounds
// how long another node may still accept a token revoked elsewhere.
const recent = new LRUCache<string, CachedOwner>({ max: 10_000, ttl: 5_000 });
