import { z } from "zod";
import { linkisRoute, type Route } from "../../http/route.ts";
import { searchConditionSchema } from "../search/condition-schema.ts";
import { contextTypeSchema } from "../../core/context-types.ts";
import { keyValueJson, contextValueJson } from "../wire/answers.ts";
import { existingContextId } from "../wire/context-id-input.ts";
import { contextKeyInput, keyString } from "../wire/context-key-input.ts";
import { contextValueInput } from "../wire/context-value-input.ts";
import { linkisSerialized } from "../wire/linkis-serialized.ts";
import { serializeContextValue, serializeKeyValue } from "../wire/linkis/linkis-answers.ts";
import { readDialectBody } from "../wire/linkis/linkis-request.ts";
import { LINKIS_KEY_VALUE_TYPES } from "../wire/linkis/linkis-types.ts";
import type { ContextService } from "../context-service.ts";

const withId = z.object({ contextID: existingContextId });
const withKey = withId.extend({ contextKey: contextKeyInput });
const prefix = z.string().min(1, "must not be empty").max(1024);

/**
 * `{contextKey, contextValue}`, or Linkis's serialized commonContextKeyValue, whose JSON holds
 * the serialized key under `key` and the serialized value under `value`.
 */
const keyValueInput = z.preprocess(
  (input, ctx) => {
    const decoded = linkisSerialized(LINKIS_KEY_VALUE_TYPES)(input, ctx);
    if (decoded === input || typeof decoded !== "object" || decoded === null) return decoded;
    const { key, value } = decoded as { key?: unknown; value?: unknown };
    return { contextKey: key, contextValue: value };
  },
  z.object(
    { contextKey: contextKeyInput, contextValue: contextValueInput },
    { error: "must be { contextKey, contextValue } or a Linkis-serialized commonContextKeyValue" },
  ),
);

// Built once: zod compiles a schema on its first parse, so a schema built per request is compiled per request.
const searchBody = withId.extend({ condition: searchConditionSchema });
const setByKeyBody = withKey.extend({ contextValue: contextValueInput });
const setBody = withId.extend({ contextKeyValue: keyValueInput });
const prefixAndTypeBody = withId.extend({ contextKeyType: contextTypeSchema, keyPrefix: prefix });
const prefixBody = withId.extend({ keyPrefix: prefix });
const keyAndTypeBody = withId.extend({ contextKeyType: contextTypeSchema, contextKey: keyString });

export const valueRoutes = (services: { contexts: ContextService }): Route[] => [
  linkisRoute("POST", "getContextValue", "read", { body: withKey }, async (ctx) => {
    const { body, linkis } = await readDialectBody(ctx);
    const { contextID, contextKey } = withKey.parse(body);
    const entry = await services.contexts.getValue(contextID.contextId, contextKey.contextType, contextKey.key);
    if (!entry) return { contextValue: null };
    return { contextValue: linkis ? serializeContextValue(entry) : contextValueJson(entry) };
  }),

  linkisRoute("POST", "searchContextValue", "read", { body: searchBody }, async (ctx) => {
    const { body, linkis } = await readDialectBody(ctx);
    const { contextID, condition } = searchBody.parse(body);
    const entries = await services.contexts.search(contextID.contextId, condition);
    return { contextKeyValue: linkis ? entries.map(serializeKeyValue) : entries.map(keyValueJson) };
  }),

  linkisRoute("POST", "setValueByKey", "write", { body: setByKeyBody }, async (ctx) => {
    const { contextID, contextKey, contextValue } = setByKeyBody.parse((await readDialectBody(ctx)).body);
    await services.contexts.setValue(contextID.contextId, contextKey, contextValue);
    return {};
  }),

  linkisRoute("POST", "setValue", "write", { body: setBody }, async (ctx) => {
    const { contextID, contextKeyValue } = setBody.parse((await readDialectBody(ctx)).body);
    await services.contexts.setValue(contextID.contextId, contextKeyValue.contextKey, contextKeyValue.contextValue);
    return {};
  }),

  linkisRoute("POST", "resetValue", "write", { body: withKey }, async (ctx) => {
    const { contextID, contextKey } = withKey.parse((await readDialectBody(ctx)).body);
    await services.contexts.resetValue(contextID.contextId, contextKey.contextType, contextKey.key);
    return {};
  }),

  linkisRoute("POST", "removeValue", "write", { body: withKey }, async (ctx) => {
    const { contextID, contextKey } = withKey.parse((await readDialectBody(ctx)).body);
    await services.contexts.removeValue(contextID.contextId, contextKey.contextType, contextKey.key);
    return {};
  }),

  linkisRoute("POST", "removeAllValue", "write", { body: withId }, async (ctx) => {
    const { contextID } = withId.parse((await readDialectBody(ctx)).body);
    await services.contexts.clearValues(contextID.contextId);
    return {};
  }),

  linkisRoute("POST", "removeAllValueByKeyPrefixAndContextType", "write", { body: prefixAndTypeBody }, async (ctx) => {
    const { contextID, contextKeyType, keyPrefix } = prefixAndTypeBody.parse((await readDialectBody(ctx)).body);
    await services.contexts.removeWhere(contextID.contextId, (e) => e.key.startsWith(keyPrefix), contextKeyType);
    return {};
  }),

  linkisRoute("POST", "removeAllValueByKeyPrefix", "write", { body: prefixBody }, async (ctx) => {
    const { contextID, keyPrefix } = prefixBody.parse((await readDialectBody(ctx)).body);
    await services.contexts.removeWhere(contextID.contextId, (e) => e.key.startsWith(keyPrefix));
    return {};
  }),

  linkisRoute("POST", "removeAllValueByKeyAndContextType", "write", { body: keyAndTypeBody }, async (ctx) => {
    const { contextID, contextKeyType, contextKey } = keyAndTypeBody.parse((await readDialectBody(ctx)).body);
    await services.contexts.removeValue(contextID.contextId, contextKeyType, contextKey);
    return {};
  }),
];
