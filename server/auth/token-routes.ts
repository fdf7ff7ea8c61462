import { z } from "zod";
import { notFound } from "../core/errors.ts";
import { MAX_ROW_ID } from "../core/public-id.ts";
import type { Route } from "../http/route.ts";
import type { Db } from "../persistence/database.ts";
import { logSecurityEvent } from "./security-log.ts";
import { listTokens, revokeTokens } from "./tokens.ts";

/**
 * Admin endpoints for the dashboard's tokens page: list tokens (never their secrets) and
 * revoke one. Revocation bites on the next request to this node (its token cache drops it).
 */
export const tokenRoutes = (services: { db: Db }): Route[] => [
  {
    method: "GET",
    path: "/api/v1/tokens",
    permission: "manageUsers",
    style: "json",
    async handle() {
      return {
        items: await listTokens(services.db),
        nextCursor: null,
      };
    },
  },
  {
    method: "POST",
    path: "/api/v1/tokens/revoke",
    permission: "manageUsers",
    style: "json",
    async handle({ body, principal }) {
      const { id } = z
        .object({
          id: z.number().int().positive().max(MAX_ROW_ID),
        })
        .parse(await body());
      const prefixes = await revokeTokens(services.db, { id });
      if (prefixes.length === 0) throw notFound(`No active token with id ${id}.`);
      logSecurityEvent({ event: "token-revoked", by: principal.user, prefixes });
      return { revoked: prefixes };
    },
  },
];
