import { z } from "zod";
import type { Db } from "../persistence/database.ts";
import { generatePassword, hashPassword, verifyPassword } from "./passwords.ts";
import type { Role } from "../core/roles.ts";
import { forgetCachedTokensOf } from "./tokens.ts";

export const userNameSchema = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, "1-64 letters, digits, or _ . @ -");

/** A password an admin sets: long enough to resist guessing, short enough to hash quickly. */
export const passwordSchema = z.string().min(12, "at least 12 characters").max(256);

/** Creates a user; returns the password (generated when none is given). Throws if the name is taken. */
export async function createUser(db: Db, name: string, role: Role, password = generatePassword()) {
  userNameSchema.parse(name);
  await db.user.create({ data: { name, role, passwordHash: await hashPassword(password) } });
  return { name, role, password };
}

/** The user's name and role when the password is right, otherwise null. */
export async function checkCredentials(
  db: Db,
  name: string,
  password: string,
): Promise<{ name: string; role: Role; sessionVersion: number } | null> {
  const user = await db.user.findUnique({ where: { name } });
  if (!user) {
    await hashPassword(password); // spend the same time as a real check: do not reveal which names exist
    return null;
  }
  return (await verifyPassword(password, user.passwordHash))
    ? { name: user.name, role: user.role as Role, sessionVersion: user.sessionVersion }
    : null;
}

/**
 * Changes a user's password and/or role. Either ends every dashboard session of the user (the
 * session version goes up) and drops the user's cached tokens, so a demoted user's token acts
 * with the new role on the next call.
 */
export async function updateUser(db: Db, name: string, change: { role?: Role; password?: string }) {
  const data: { role?: Role; passwordHash?: string; sessionVersion: { increment: number } } = {
    sessionVersion: { increment: 1 },
  };
  if (change.role) data.role = change.role;
  if (change.password) data.passwordHash = await hashPassword(change.password);
  const { count } = await db.user.updateMany({ where: { name }, data });
  if (count === 0) throw new Error(`No user named ${name}`);
  forgetCachedTokensOf(name);
}

/**
 * First start with no users: create `admin` from ADMIN_PASSWORD, or with a generated
 * password that is returned so the caller can print it once.
 */
export async function ensureAdmin(
  db: Db,
  adminPassword?: string,
): Promise<{ generatedPassword?: string; created: boolean }> {
  if ((await db.user.count()) > 0) return { created: false };
  try {
    const { password } = await createUser(db, "admin", "admin", adminPassword);
    return { created: true, generatedPassword: adminPassword ? undefined : password };
  } catch (err) {
    // Nodes of a cluster started together on an empty database race to create the admin: the
    // ones that lose find it made (and print no password of their own, which would not work).
    if ((err as { code?: unknown }).code === "P2002") return { created: false };
    throw err;
  }
}
