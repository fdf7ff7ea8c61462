import { z } from "zod";
import { linkisRoute, type Route } from "../../http/route.ts";
import { historyJson } from "../history/history-store.ts";
import { contextTypeSchema } from "../types.ts";
import { existingContextId } from "../wire/context-id-input.ts";
import { keywordsInput } from "../wire/keywords-input.ts";
import { linkisSerialized } from "../wire/linkis-serialized.ts";

const withId = z.object({ contextID: existingContextId });
const source = z.string().min(1, "must not be empty").max(512);
const historyInput = z.preprocess(
  linkisSerialized(["contextHistory", "PersistenceContextHistory", "CommonResourceHistory"]),
  z.object({
    source,
    contextType: contextTypeSchema,
    keyword: z.string().max(1024).nullish(),
    historyJson: z
      .union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())])
      .transform((v) => (typeof v === "string" ? v : JSON.stringify(v))),
  }),
);

export const historyRoutes: Route[] = [
  linkisRoute("POST", "createHistory", "write", async ({ body, services }) => {
    const { contextID, contextHistory } = withId.extend({ contextHistory: historyInput }).parse(await body());
    const meta = await services.contexts.get(contextID.contextId);
    await services.histories.put(meta.id, contextHistory, new Date());
    return {};
  }),

  linkisRoute("POST", "removeHistory", "write", async ({ body, services }) => {
    const { contextID, contextHistory } = withId.extend({ contextHistory: z.object({ source }) }).parse(await body());
    const meta = await services.contexts.get(contextID.contextId);
    await services.histories.remove(meta.id, contextHistory.source);
    return {};
  }),

  linkisRoute("POST", "getHistories", "read", async ({ body, services }) => {
    const { contextID } = withId.parse(await body());
    const meta = await services.contexts.get(contextID.contextId);
    return { contextHistory: (await services.histories.list(meta.id)).map(historyJson) };
  }),

  linkisRoute("POST", "getHistory", "read", async ({ body, services }) => {
    const { contextID, source: src } = withId.extend({ source }).parse(await body());
    const meta = await services.contexts.get(contextID.contextId);
    const history = await services.histories.get(meta.id, src);
    return { contextHistory: history ? historyJson(history) : null };
  }),

  linkisRoute("POST", "searchHistory", "read", async ({ body, services }) => {
    const { contextID, keywords } = withId
      .extend({ keywords: keywordsInput.refine((k) => k.length > 0, "give at least one keyword") })
      .parse(await body());
    const meta = await services.contexts.get(contextID.contextId);
    return { contextHistory: (await services.histories.search(meta.id, keywords)).map(historyJson) };
  }),
];
