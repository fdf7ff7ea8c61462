import { z } from "zod";
import { linkisRoute, type Route } from "../../http/route.ts";
import type { KeywordRules } from "../keywords/keyword-rules.ts";
import { historyJson } from "../history/history-store.ts";
import { contextTypeSchema } from "../../core/context-types.ts";
import { existingContextId } from "../wire/context-id-input.ts";
import { keywordsInput } from "../wire/keywords-input.ts";
import { linkisSerialized } from "../wire/linkis-serialized.ts";
import { historyField, historyKeywords, parseLinkisHistory, serializeHistory } from "../wire/linkis/linkis-history.ts";
import { readDialectBody } from "../wire/linkis/linkis-request.ts";
import type { ContextService } from "../context-service.ts";
import type { HistoryStore } from "../history/history-store.ts";

const withId = z.object({ contextID: existingContextId });
const source = z.string().trim().min(1, "must not be empty").max(512);

/** Plain `{source, contextType, keyword?, historyJson}`. */
const plainHistory = z.preprocess(
  linkisSerialized(["contextHistory", "PersistenceContextHistory"]),
  z.object({
    source,
    contextType: contextTypeSchema,
    keyword: z.string().max(1024).nullish(),
    historyJson: z
      .union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())])
      .transform((v) => (typeof v === "string" ? v : JSON.stringify(v))),
  }),
);

/**
 * A history in either dialect. Linkis's serialized histories (commonResourceHistory,
 * CSTableMetadataContextHistory, CSTableLineageMetadataContextHistory) are kept whole as their
 * serialized text, with their source, type and derived keywords beside it for search.
 */
const historyInput = (rules: KeywordRules) =>
  z.unknown().transform((input, ctx) => {
    const linkis = parseLinkisHistory(input);
    if (!linkis) {
      const plain = plainHistory.safeParse(input);
      if (plain.success) return plain.data;
      for (const issue of plain.error.issues) ctx.addIssue({ ...issue, code: "custom", message: issue.message });
      return z.NEVER;
    }
    const fields = z
      .object({ source, contextType: contextTypeSchema })
      .safeParse({ source: historyField(linkis, "source"), contextType: historyField(linkis, "contextType") });
    if (!fields.success) {
      for (const issue of fields.error.issues) ctx.addIssue({ ...issue, code: "custom", message: issue.message });
      return z.NEVER;
    }
    return {
      ...fields.data,
      keyword: historyKeywords(rules, linkis).join(",").slice(0, 1024),
      historyJson: typeof input === "string" ? input : JSON.stringify(input),
    };
  });

/** The source of a history to remove: plain `{source}` or the serialized history itself. */
const removalInput = z.unknown().transform((input, ctx) => {
  const linkis = parseLinkisHistory(input);
  const parsed = z.object({ source }).safeParse(linkis ? { source: historyField(linkis, "source") } : input);
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: "custom", message: "must be { source } or a Linkis-serialized history with a source" });
  return z.NEVER;
});

const getHistoryBody = withId.extend({ source });
const searchHistoryBody = withId.extend({
  keywords: keywordsInput.refine((k) => k.length > 0, "give at least one keyword"),
});
// For the OpenAPI document: the plain dialect of the two bodies whose parsing needs the keyword rules.
const createHistoryDoc = withId.extend({ contextHistory: plainHistory });
const removeHistoryDoc = withId.extend({ contextHistory: z.object({ source }) });

export const historyRoutes = (services: {
  contexts: ContextService;
  histories: HistoryStore;
  rules: KeywordRules;
}): Route[] => [
  linkisRoute("POST", "createHistory", "write", { body: createHistoryDoc }, async (ctx) => {
    const { contextID, contextHistory } = withId
      .extend({ contextHistory: historyInput(services.rules) })
      .parse((await readDialectBody(ctx)).body);
    const meta = await services.contexts.get(contextID.contextId);
    await services.histories.put(meta.id, contextHistory, new Date());
    return {};
  }),

  linkisRoute("POST", "removeHistory", "write", { body: removeHistoryDoc }, async (ctx) => {
    const { contextID, contextHistory } = withId
      .extend({ contextHistory: removalInput })
      .parse((await readDialectBody(ctx)).body);
    const meta = await services.contexts.get(contextID.contextId);
    await services.histories.remove(meta.id, contextHistory.source);
    return {};
  }),

  linkisRoute("POST", "getHistories", "read", { body: withId }, async (ctx) => {
    const { body, linkis } = await readDialectBody(ctx);
    const { contextID } = withId.parse(body);
    const meta = await services.contexts.get(contextID.contextId);
    const rows = await services.histories.list(meta.id);
    return { contextHistory: linkis ? rows.map(serializeHistory) : rows.map(historyJson) };
  }),

  linkisRoute("POST", "getHistory", "read", { body: getHistoryBody }, async (ctx) => {
    const { body, linkis } = await readDialectBody(ctx);
    const { contextID, source: src } = getHistoryBody.parse(body);
    const meta = await services.contexts.get(contextID.contextId);
    const history = await services.histories.get(meta.id, src);
    if (!history) return { contextHistory: null };
    return { contextHistory: linkis ? serializeHistory(history) : historyJson(history) };
  }),

  linkisRoute("POST", "searchHistory", "read", { body: searchHistoryBody }, async (ctx) => {
    const { body, linkis } = await readDialectBody(ctx);
    const { contextID, keywords } = searchHistoryBody.parse(body);
    const meta = await services.contexts.get(contextID.contextId);
    const rows = await services.histories.search(meta.id, keywords);
    return { contextHistory: linkis ? rows.map(serializeHistory) : rows.map(historyJson) };
  }),
];
