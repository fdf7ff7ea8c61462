import { z } from "zod";
import { badInput } from "../core/errors.ts";
import { formatPublicId } from "../core/public-id.ts";
import { contextScopeSchema, contextTypeSchema } from "../core/context-types.ts";
import type { Db, Provider } from "../persistence/database.ts";
import { cursorParam, cursorRowId, pageOf } from "../core/paging/cursor.ts";
import { entryPreviews } from "./entry-previews.ts";
import { findContextRow } from "./find-context-row.ts";
import { jsonList } from "./json-list.ts";
import { limitParam, textParam } from "../core/paging/query-params.ts";
import { keywordMatches, searchEntryIds } from "./search-text.ts";

export const searchQuery = z.object({
  q: textParam.min(1, "give a keyword to search for"),
  /** exact: the keyword as written (Linkis's Keyword); prefix and contains ignore case. */
  match: z.enum(["exact", "prefix", "contains"]).default("exact"),
  type: contextTypeSchema.optional(),
  scope: contextScopeSchema.optional(),
  contextId: z.string().max(512).optional(),
  // exact pages on (contextType, keyword row id); prefix and contains on the entry id.
  cursor: cursorParam(z.union([z.tuple([z.string(), cursorRowId]), z.tuple([cursorRowId])])).optional(),
  limit: limitParam,
});

export type SearchQuery = z.infer<typeof searchQuery>;

const entrySelect = {
  id: true,
  key: true,
  contextType: true,
  contextScope: true,
  keywords: true,
  valueType: true,
  context: { select: { id: true, instance: true, backupInstance: true } },
} as const;

type HitRow = {
  id: number;
  key: string;
  contextType: string;
  contextScope: string;
  keywords: string;
  valueType: string | null;
  context: { id: number; instance: string; backupInstance: string };
};

/**
 * Entries of every context whose keywords (the key is one) match `q`: exactly through the
 * inverted index (context_keyword), or by prefix or substring, ignoring case, through the
 * trigram index (search-text.ts). Never a scan of the entries; keyset-paged.
 */
export async function searchKeywords(db: Db, provider: Provider, q: SearchQuery) {
  const context = q.contextId ? await findContextRow(db, q.contextId, "contextId") : undefined;
  if (q.match !== "exact") return searchByText(db, provider, q, context?.id);
  const cursor = q.cursor?.length === 2 ? q.cursor : undefined;
  if (q.cursor && !cursor) throw cursorMismatch();
  const after = cursor && {
    OR: [{ contextType: { gt: cursor[0] } }, { contextType: cursor[0], id: { gt: cursor[1] } }],
  };
  const fetched = await db.contextKeyword.findMany({
    where: {
      keyword: q.q,
      contextType: q.type,
      contextId: context?.id,
      entry: q.scope && { contextScope: q.scope },
      ...after,
    },
    orderBy: [{ contextType: "asc" }, { id: "asc" }],
    take: q.limit + 1,
    select: { id: true, contextType: true, entry: { select: entrySelect } },
  });
  const { rows, nextCursor } = pageOf(fetched, q.limit, (r) => [r.contextType, r.id]);
  return {
    items: await toHits(
      db,
      rows.map((r) => r.entry),
    ),
    nextCursor,
  };
}

async function searchByText(db: Db, provider: Provider, q: SearchQuery, contextRowId: number | undefined) {
  const cursor = q.cursor?.length === 1 ? q.cursor : undefined;
  if (q.cursor && !cursor) throw cursorMismatch();
  const match = q.match === "prefix" ? "prefix" : "contains";
  const ids = await searchEntryIds(db, provider, {
    text: q.q,
    match,
    contextType: q.type,
    contextScope: q.scope,
    contextRowId,
    afterEntryId: cursor?.[0],
    take: q.limit + 1,
  });
  const { rows: pageIds, nextCursor } = pageOf(ids, q.limit, (id) => [id]);
  const found = await db.contextEntry.findMany({ where: { id: { in: pageIds } }, select: entrySelect });
  const byId = new Map(found.map((e) => [e.id, e]));
  const rows = pageIds
    .flatMap((id) => byId.get(id) ?? [])
    .filter((e) => keywordMatches(jsonList(e.keywords), q.q, match));
  return { items: await toHits(db, rows), nextCursor };
}

const cursorMismatch = () =>
  badInput("cursor: is not a cursor of this list (pass nextCursor back unchanged, with the same match)");

async function toHits(db: Db, rows: HitRow[]) {
  const previews = await entryPreviews(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((entry) => ({
    contextId: formatPublicId(entry.context),
    key: entry.key,
    contextType: entry.contextType,
    contextScope: entry.contextScope,
    keywords: jsonList(entry.keywords),
    valueType: entry.valueType,
    preview: previews.get(entry.id)?.preview ?? "null",
    truncated: previews.get(entry.id)?.truncated ?? false,
  }));
}
