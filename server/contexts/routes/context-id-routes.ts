import { endOfDay } from "date-fns";
import { z } from "zod";
import { readDialectBody } from "../wire/linkis/linkis-request.ts";
import { linkisRoute, type Route } from "../../http/route.ts";
import { contextFieldsSchema, contextIdInput, existingContextId } from "../wire/context-id-input.ts";
import { contextIdJson } from "../wire/answers.ts";
import type { ContextService } from "../context-service.ts";

const withId = z.object({ contextID: existingContextId });
const createBody = z.object({ contextID: contextIdInput.optional() });
const getQuery = z.object({ contextId: z.string({ error: "query parameter contextId is required" }).min(1) });

export const contextIdRoutes = (services: { contexts: ContextService }): Route[] => [
  linkisRoute("POST", "createContextID", "write", { body: createBody }, async (ctx) => {
    const { contextID } = createBody.parse((await readDialectBody(ctx)).body);
    const fields = contextFieldsSchema.parse(contextID ?? {});
    // A gateway token acts for its Token-User: a context made without a user is that user's.
    if (!fields.user && ctx.principal.gateway) fields.user = ctx.principal.user;
    // Linkis's TODAY means "until the end of the day it was made": give it that expire time.
    if (fields.expireType === "TODAY" && !fields.expireTime) fields.expireTime = endOfDay(new Date());
    const meta = await services.contexts.create(fields);
    return { contextId: services.contexts.publicId(meta) };
  }),

  linkisRoute("GET", "getContextID", "read", { query: getQuery }, async ({ url }) => {
    const { contextId } = getQuery.parse(Object.fromEntries(url.searchParams));
    return { contextID: contextIdJson(await services.contexts.get(contextId)) };
  }),

  linkisRoute("POST", "updateContextID", "write", { body: withId }, async (ctx) => {
    const { contextID } = withId.parse((await readDialectBody(ctx)).body);
    const { contextId, ...fields } = contextID;
    return { contextID: contextIdJson(await services.contexts.update(contextId, fields)) };
  }),

  linkisRoute("POST", "resetContextID", "write", { body: withId }, async (ctx) => {
    const { contextID } = withId.parse((await readDialectBody(ctx)).body);
    await services.contexts.clearValues(contextID.contextId);
    return {};
  }),

  linkisRoute("POST", "removeContextID", "write", { body: withId }, async (ctx) => {
    const { contextID } = withId.parse((await readDialectBody(ctx)).body);
    await services.contexts.remove(contextID.contextId);
    return {};
  }),
];
