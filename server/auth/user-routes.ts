import { z } from "zod";
import { audited } from "../cleanup/index.ts";
import { AppError, notFound } from "../core/errors.ts";
import { roleSchema } from "../core/roles.ts";
import type { Route } from "../http/route.ts";
import type { Db } from "../persistence/database.ts";
import { generatePassword } from "./passwords.ts";
import { logSecurityEvent } from "./security-log.ts";
import { createUser, passwordSchema, updateUser, userNameSchema } from "./users.ts";

const createBody = z.object({ name: userNameSchema, role: roleSchema, password: passwordSchema.optional() });
const roleBody = z.object({ name: userNameSchema, role: roleSchema });
const passwordBody = z.object({ name: userNameSchema, password: passwordSchema.optional() });

const adminRoute = (path: string, handle: Route["handle"]): Route => ({
  method: "POST",
  path: `/api/v1/${path}`,
  permission: "manageUsers",
  style: "json",
  handle,
});

/**
 * The users page's API (admins only): list users, create one, change a role, reset a
 * password. A generated password is answered once and stored only as its hash. A role or
 * password change ends the user's sessions and drops their cached tokens. Each change is audited.
 */
export const userRoutes = (services: { db: Db }): Route[] => {
  const { db } = services;
  const exists = async (name: string) => {
    if (!(await db.user.findUnique({ where: { name }, select: { id: true } })))
      throw notFound(`No user named ${name}.`);
  };
  return [
    {
      method: "GET",
      path: "/api/v1/users",
      permission: "manageUsers",
      style: "json",
      async handle() {
        const users = await db.user.findMany({
          orderBy: { name: "asc" },
          take: 1000,
          select: {
            name: true,
            role: true,
            createTime: true,
            _count: { select: { tokens: { where: { revokedAt: null } } } },
          },
        });
        return {
          items: users.map((u) => ({
            name: u.name,
            role: u.role,
            createTime: u.createTime.toISOString(),
            activeTokens: u._count.tokens,
          })),
          nextCursor: null,
        };
      },
    },

    adminRoute("users", async ({ body, principal }) => {
      const { name, role, password } = createBody.parse(await body());
      return audited(db, principal, "createUser", { name, role }, async () => {
        if (await db.user.findUnique({ where: { name }, select: { id: true } }))
          throw new AppError("conflict", `User ${name} already exists.`);
        const created = await createUser(db, name, role, password);
        // A password the admin typed is not echoed back; a generated one is shown this once.
        return { result: { name, role, ...(password ? {} : { password: created.password }) }, count: 1 };
      });
    }),

    adminRoute("users/role", async ({ body, principal }) => {
      const { name, role } = roleBody.parse(await body());
      return audited(db, principal, "changeRole", { name, role }, async () => {
        // Keeps at least the acting admin an admin: no one locks the last admin out by mistake.
        if (name === principal.user)
          throw new AppError("conflict", "You cannot change your own role; ask another admin.");
        await exists(name);
        await updateUser(db, name, { role });
        logSecurityEvent({ event: "sessions-ended", user: name, reason: "role" });
        return { result: { name, role }, count: 1 };
      });
    }),

    adminRoute("users/password", async ({ body, principal }) => {
      const { name, password } = passwordBody.parse(await body());
      return audited(db, principal, "resetPassword", { name }, async () => {
        await exists(name);
        const next = password ?? generatePassword();
        await updateUser(db, name, { password: next });
        logSecurityEvent({ event: "sessions-ended", user: name, reason: "password" });
        return { result: { name, ...(password ? {} : { password: next }) }, count: 1 };
      });
    }),
  ];
};
