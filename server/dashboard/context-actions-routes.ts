import { z } from "zod";
import type { ContextService } from "../contexts/index.ts";
import { contextTypeSchema } from "../core/context-types.ts";
import { notFound } from "../core/errors.ts";
import { DASHBOARD_PREFIX } from "../http/dashboard-route.ts";
import type { Route } from "../http/route.ts";
import { audited, type AuditStore } from "../cleanup/index.ts";

const entryBody = z.object({
  type: contextTypeSchema,
  key: z.string().min(1, "must not be empty").max(1024),
});
// `value` may be any JSON, null included; only its absence is an error.
const editBody = entryBody.extend({
  value: z.unknown().refine((v) => v !== undefined, "is required (any JSON value, null included)"),
});

/** An admin action on one context, `POST /api/v1/contexts/:id/<action>`, answered as JSON. */
const contextAction = (action: string, handle: Route["handle"], body?: z.ZodType): Route => ({
  method: "POST",
  path: `${DASHBOARD_PREFIX}contexts/:id/${action}`,
  permission: "write",
  style: "json",
  handle,
  ...(body ? { body } : {}),
});

/**
 * The dashboard's admin actions on a single context or value (docs/API.md "Dashboard admin
 * actions"). They go through ContextService like any Linkis write, so the cache, keywords,
 * revisions and listeners see them; each is written to the audit log with its outcome.
 */
export const contextActionsRoutes = (services: { contexts: ContextService; audit: AuditStore }): Route[] => {
  const { contexts, audit } = services;
  return [
    contextAction("reset", async ({ params, principal }) => {
      const contextId = params.id!;
      return audited(audit, principal, "resetContextID", { contextId }, async () => {
        const removed = await contexts.clearValues(contextId);
        return { result: { removed }, count: removed };
      });
    }),

    contextAction("remove", async ({ params, principal }) => {
      const contextId = params.id!;
      return audited(audit, principal, "removeContextID", { contextId }, async () => {
        await contexts.remove(contextId);
        return { result: { removed: 1 }, count: 1 };
      });
    }),

    contextAction(
      "value",
      async ({ params, principal, body }) => {
        const contextId = params.id!;
        const { type, key, value } = editBody.parse(await body());
        return audited(audit, principal, "setValue", { contextId, contextType: type, key }, async () => {
          // An edit changes the value only: the entry's scope, keywords and value type stay as they were.
          const previous = await contexts.getValue(contextId, type, key);
          if (!previous) throw notFound(`Context ${contextId} has no ${type} entry with key "${key}".`);
          const entry = await contexts.setValue(
            contextId,
            { key, contextType: type, contextScope: previous.contextScope, keywords: previous.keyKeywords },
            { value, keywords: previous.valueKeywords, valueType: previous.valueType },
          );
          return { result: { updateTime: entry.updateTime.toISOString() }, count: 1 };
        });
      },
      editBody,
    ),

    contextAction(
      "value/remove",
      async ({ params, principal, body }) => {
        const contextId = params.id!;
        const { type, key } = entryBody.parse(await body());
        return audited(audit, principal, "removeValue", { contextId, contextType: type, key }, async () => {
          const removed = await contexts.removeValue(contextId, type, key);
          if (removed === 0) throw notFound(`Context ${contextId} has no ${type} entry with key "${key}".`);
          return { result: { removed }, count: removed };
        });
      },
      entryBody,
    ),
  ];
};
