import { z } from "zod";

/** The answers of /api/v1/users and /api/v1/tokens, checked on arrival. */
export const userItemSchema = z.object({
  name: z.string(),
  role: z.enum(["admin", "viewer"]),
  createTime: z.string(),
  activeTokens: z.number(),
});
export type UserItem = z.infer<typeof userItemSchema>;

export const tokenItemSchema = z.object({
  id: z.number(),
  kind: z.enum(["user", "gateway"]),
  name: z.string().nullable(),
  prefix: z.string(),
  user: z.string().nullable(),
  role: z.string().nullable(),
  users: z.array(z.string()).nullable(),
  hosts: z.array(z.string()).nullable(),
  createTime: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type TokenItem = z.infer<typeof tokenItemSchema>;

/** A change to a user; `password` only when the server generated one (shown once). */
export const userChangeSchema = z.object({
  name: z.string(),
  role: z.string().optional(),
  password: z.string().optional(),
});
export const createdTokenSchema = z.object({ token: z.string() });
export const revokedSchema = z.object({ revoked: z.array(z.string()) });

export const USERS_URL = "/api/v1/users";
export const TOKENS_URL = "/api/v1/tokens";
