import { z } from "zod";
import { audited, type AuditStore } from "../cleanup/index.ts";
import { AppError, notFound } from "../core/errors.ts";
import { MAX_ROW_ID } from "../core/public-id.ts";
import { roleSchema } from "../core/roles.ts";
import type { Route } from "../http/route.ts";
import { logSecurityEvent } from "./security-log.ts";
import type { TokenStore } from "./token-store.ts";
import type { UserStore } from "./user-store.ts";
import { userNameSchema } from "./users.ts";

const expiresInDays = z.number().int().min(1).max(36_500).optional();
const createBody = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("user"), user: userNameSchema, expiresInDays }),
    z.object({
      kind: z.literal("gateway"),
      name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "1-64 letters, digits, or _ . -"),
      users: z
        .array(z.union([z.literal("*"), userNameSchema]))
        .min(1, "'*' (any user) or at least one user name")
        .max(1000),
      hosts: z.array(z.string().trim().min(1).max(255)).max(100).optional(),
      role: roleSchema,
      expiresInDays,
    }),
  ],
  { error: 'kind must be "user" or "gateway"' },
);

const daysFromNow = (days: number | undefined) =>
  days === undefined ? undefined : new Date(Date.now() + days * 86_400_000);

const revokeBody = z.object({ id: z.number().int().positive().max(MAX_ROW_ID) });

/**
 * Admin endpoints for the dashboard's tokens page: list tokens (never their secrets), create
 * one (the secret answered once), revoke one. Revocation bites on the next request to this
 * node (its token cache drops it). Creating and revoking are audited.
 */
export const tokenRoutes = (services: { tokens: TokenStore; users: UserStore; audit: AuditStore }): Route[] => [
  {
    method: "GET",
    path: "/api/v1/tokens",
    permission: "manageUsers",
    style: "json",
    async handle() {
      return {
        items: await services.tokens.list(),
        nextCursor: null,
      };
    },
  },
  {
    method: "POST",
    path: "/api/v1/tokens/revoke",
    permission: "manageUsers",
    style: "json",
    body: revokeBody,
    async handle({ body, principal }) {
      const { id } = revokeBody.parse(await body());
      return audited(services.audit, principal, "revokeToken", { id }, async () => {
        const prefixes = await services.tokens.revoke({ id });
        if (prefixes.length === 0) throw notFound(`No active token with id ${id}.`);
        logSecurityEvent({ event: "token-revoked", by: principal.user, prefixes });
        return { result: { revoked: prefixes }, count: prefixes.length };
      });
    },
  },
  {
    method: "POST",
    path: "/api/v1/tokens",
    permission: "manageUsers",
    style: "json",
    body: createBody,
    async handle({ body, principal }) {
      const spec = createBody.parse(await body());
      const { tokens, users } = services;
      return audited(services.audit, principal, "createToken", spec, async () => {
        const expiresAt = daysFromNow(spec.expiresInDays);
        if (spec.kind === "user") {
          if (!(await users.exists(spec.user))) throw notFound(`No user named ${spec.user}.`);
          return { result: { token: await tokens.createForUser(spec.user, expiresAt) }, count: 1 };
        }
        if (await tokens.gatewayNameTaken(spec.name))
          throw new AppError("conflict", `A gateway token named ${spec.name} is active; revoke it first.`);
        const { kind: _kind, expiresInDays: _days, ...grant } = spec;
        return { result: { token: await tokens.createGateway({ ...grant, expiresAt }) }, count: 1 };
      });
    },
  },
];
