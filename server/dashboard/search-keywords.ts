import { z } from "zod";
import { formatPublicId } from "../core/public-id.ts";
import { contextScopeSchema, contextTypeSchema } from "../core/context-types.ts";
import type { Db } from "../persistence/database.ts";
import { cursorParam, cursorRowId, pageOf } from "../core/paging/cursor.ts";
import { entryPreviews } from "./entry-previews.ts";
import { findContextRow } from "./find-context-row.ts";
import { jsonList } from "./json-list.ts";
import { limitParam, textParam } from "../core/paging/query-params.ts";

export const searchQuery = z.object({
  q: textParam.min(1, "give a keyword to search for"),
  type: contextTypeSchema.optional(),
  scope: contextScopeSchema.optional(),
  contextId: z.string().max(512).optional(),
  cursor: cursorParam(z.tuple([z.string(), cursorRowId])).optional(),
  limit: limitParam,
});

export type SearchQuery = z.infer<typeof searchQuery>;

/**
 * Entries of every context holding exactly keyword `q`, through the inverted index
 * (context_keyword, indexed by (keyword, contextType)), never a scan of the entries. Ordered
 * by (contextType, row id) so the index's order serves the sort; keyset-paged on that pair.
 */
export async function searchKeywords(db: Db, q: SearchQuery) {
  const context = q.contextId ? await findContextRow(db, q.contextId, "contextId") : undefined;
  const after = q.cursor && {
    OR: [{ contextType: { gt: q.cursor[0] } }, { contextType: q.cursor[0], id: { gt: q.cursor[1] } }],
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
    select: {
      id: true,
      contextType: true,
      entry: {
        select: {
          id: true,
          key: true,
          contextScope: true,
          keywords: true,
          valueType: true,
          context: { select: { id: true, instance: true, backupInstance: true } },
        },
      },
    },
  });
  const { rows, nextCursor } = pageOf(fetched, q.limit, (r) => [r.contextType, r.id]);
  const previews = await entryPreviews(
    db,
    rows.map((r) => r.entry.id),
  );
  const items = rows.map(({ contextType, entry }) => ({
    contextId: formatPublicId(entry.context),
    key: entry.key,
    contextType,
    contextScope: entry.contextScope,
    keywords: jsonList(entry.keywords),
    valueType: entry.valueType,
    preview: previews.get(entry.id)?.preview ?? "null",
    truncated: previews.get(entry.id)?.truncated ?? false,
  }));
  return { items, nextCursor };
}
