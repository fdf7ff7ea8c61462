import { z } from "zod";
import { linkisRoute, type Route } from "../../http/route.ts";
import { searchConditionSchema } from "../search/condition-schema.ts";
import { contextTypeSchema } from "../types.ts";
import { keyValueJson, contextValueJson } from "../wire/answers.ts";
import { existingContextId } from "../wire/context-id-input.ts";
import { contextKeyInput, keyString } from "../wire/context-key-input.ts";
import { contextValueInput } from "../wire/context-value-input.ts";

const withId = z.object({ contextID: existingContextId });
const withKey = withId.extend({ contextKey: contextKeyInput });
const prefix = z.string().min(1, "must not be empty").max(1024);

export const valueRoutes: Route[] = [
  linkisRoute("POST", "getContextValue", "read", async ({ body, services }) => {
    const { contextID, contextKey } = withKey.parse(await body());
    const entry = await services.contexts.getValue(contextID.contextId, contextKey.contextType, contextKey.key);
    return { contextValue: entry ? contextValueJson(entry) : null };
  }),

  linkisRoute("POST", "searchContextValue", "read", async ({ body, services }) => {
    const { contextID, condition } = withId.extend({ condition: searchConditionSchema }).parse(await body());
    const entries = await services.contexts.search(contextID.contextId, condition);
    return { contextKeyValue: entries.map(keyValueJson) };
  }),

  linkisRoute("POST", "setValueByKey", "write", async ({ body, services }) => {
    const { contextID, contextKey, contextValue } = withKey
      .extend({ contextValue: contextValueInput })
      .parse(await body());
    await services.contexts.setValue(contextID.contextId, contextKey, contextValue);
    return {};
  }),

  linkisRoute("POST", "setValue", "write", async ({ body, services }) => {
    const { contextID, contextKeyValue } = withId
      .extend({ contextKeyValue: z.object({ contextKey: contextKeyInput, contextValue: contextValueInput }) })
      .parse(await body());
    await services.contexts.setValue(contextID.contextId, contextKeyValue.contextKey, contextKeyValue.contextValue);
    return {};
  }),

  linkisRoute("POST", "resetValue", "write", async ({ body, services }) => {
    const { contextID, contextKey } = withKey.parse(await body());
    await services.contexts.resetValue(contextID.contextId, contextKey.contextType, contextKey.key);
    return {};
  }),

  linkisRoute("POST", "removeValue", "write", async ({ body, services }) => {
    const { contextID, contextKey } = withKey.parse(await body());
    await services.contexts.removeValue(contextID.contextId, contextKey.contextType, contextKey.key);
    return {};
  }),

  linkisRoute("POST", "removeAllValue", "write", async ({ body, services }) => {
    const { contextID } = withId.parse(await body());
    await services.contexts.clearValues(contextID.contextId);
    return {};
  }),

  linkisRoute("POST", "removeAllValueByKeyPrefixAndContextType", "write", async ({ body, services }) => {
    const { contextID, contextKeyType, keyPrefix } = withId
      .extend({ contextKeyType: contextTypeSchema, keyPrefix: prefix })
      .parse(await body());
    await services.contexts.removeWhere(contextID.contextId, (e) => e.key.startsWith(keyPrefix), contextKeyType);
    return {};
  }),

  linkisRoute("POST", "removeAllValueByKeyPrefix", "write", async ({ body, services }) => {
    const { contextID, keyPrefix } = withId.extend({ keyPrefix: prefix }).parse(await body());
    await services.contexts.removeWhere(contextID.contextId, (e) => e.key.startsWith(keyPrefix));
    return {};
  }),

  linkisRoute("POST", "removeAllValueByKeyAndContextType", "write", async ({ body, services }) => {
    const { contextID, contextKeyType, contextKey } = withId
      .extend({ contextKeyType: contextTypeSchema, contextKey: keyString })
      .parse(await body());
    await services.contexts.removeValue(contextID.contextId, contextKeyType, contextKey);
    return {};
  }),
];
