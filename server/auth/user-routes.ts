import { z } from "zod";
import { audited, type AuditStore } from "../cleanup/index.ts";
import { AppError, notFound } from "../core/errors.ts";
import { roleSchema } from "../core/roles.ts";
import type { Route } from "../http/route.ts";
import { generatePassword } from "./passwords.ts";
import { logSecurityEvent } from "./security-log.ts";
import type { UserStore } from "./user-store.ts";
import { passwordSchema, userNameSchema } from "./users.ts";

const createBody = z.object({ name: userNameSchema, role: roleSchema, password: passwordSchema.optional() });
const roleBody = z.object({ name: userNameSchema, role: roleSchema });
const passwordBody = z.object({ name: userNameSchema, password: passwordSchema.optional() });

const adminRoute = (path: string, body: z.ZodType, handle: Route["handle"]): Route => ({
  method: "POST",
  path: `/api/v1/${path}`,
  permission: "manageUsers",
  style: "json",
  body,
  handle,
});

/**
 * The users page's API (admins only): list users, create one, change a role, reset a
 * password. A generated password is answered once and stored only as its hash. A role or
 * password change ends the user's sessions and drops their cached tokens. Each change is audited.
 */
export const userRoutes = (services: { users: UserStore; audit: AuditStore }): Route[] => {
  const { users, audit } = services;
  const exists = async (name: string) => {
    if (!(await users.exists(name))) throw notFound(`No user named ${name}.`);
  };
  return [
    {
      method: "GET",
      path: "/api/v1/users",
      permission: "manageUsers",
      style: "json",
      async handle() {
        return { items: await users.list(), nextCursor: null };
      },
    },

    adminRoute("users", createBody, async ({ body, principal }) => {
      const { name, role, password } = createBody.parse(await body());
      return audited(audit, principal, "createUser", { name, role }, async () => {
        if (await users.exists(name)) throw new AppError("conflict", `User ${name} already exists.`);
        const created = await users.create(name, role, password);
        // A password the admin typed is not echoed back; a generated one is shown this once.
        return { result: { name, role, ...(password ? {} : { password: created.password }) }, count: 1 };
      });
    }),

    adminRoute("users/role", roleBody, async ({ body, principal }) => {
      const { name, role } = roleBody.parse(await body());
      return audited(audit, principal, "changeRole", { name, role }, async () => {
        // Keeps at least the acting admin an admin: no one locks the last admin out by mistake.
        if (name === principal.user)
          throw new AppError("conflict", "You cannot change your own role; ask another admin.");
        await exists(name);
        await users.update(name, { role });
        logSecurityEvent({ event: "sessions-ended", user: name, reason: "role" });
        return { result: { name, role }, count: 1 };
      });
    }),

    adminRoute("users/password", passwordBody, async ({ body, principal }) => {
      const { name, password } = passwordBody.parse(await body());
      return audited(audit, principal, "resetPassword", { name }, async () => {
        await exists(name);
        const next = password ?? generatePassword();
        await users.update(name, { password: next });
        logSecurityEvent({ event: "sessions-ended", user: name, reason: "password" });
        return { result: { name, ...(password ? {} : { password: next }) }, count: 1 };
      });
    }),
  ];
};
