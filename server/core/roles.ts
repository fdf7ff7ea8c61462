import { z } from "zod";

export const roleSchema = z.enum(["admin", "viewer"]);
export type Role = z.infer<typeof roleSchema>;

/** Who is making a request, however they authenticated. */
export interface Principal {
  user: string;
  role: Role;
  via: "session" | "token";
  /** The gateway token's name when a gateway token acts for `user` (Linkis's Token-User). */
  gateway?: string;
}

/** What each role may do: permissions as data, checked in one place (authorize). */
export const permissions = {
  read: ["admin", "viewer"],
  write: ["admin"], // viewers browse; services that write use an admin user's token
  cleanup: ["admin"],
  audit: ["admin"],
  manageUsers: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export const can = (principal: Principal, permission: Permission) =>
  (permissions[permission] as readonly Role[]).includes(principal.role);
