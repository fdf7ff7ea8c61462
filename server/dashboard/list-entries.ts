import { z } from "zod";
import { contextTypeSchema } from "../core/context-types.ts";
import type { Db } from "../persistence/database.ts";
import { cursorParam, pageOf } from "../core/paging/cursor.ts";
import { entryPreviews } from "./entry-previews.ts";
import { findContextRow } from "./find-context-row.ts";
import { jsonList } from "./json-list.ts";
import { limitParam, textParam } from "../core/paging/query-params.ts";
import type { Provider } from "../persistence/database.ts";
import { entryIdsByKey } from "./entry-ids-by-key.ts";

export const listEntriesQuery = z.object({
  type: contextTypeSchema.optional(),
  /** One key only (a search hit's link opens its entry). */
  key: z.string().max(1024).optional(),
  /** Part of the key, any case (a context's entries filtered by key). */
  keyContains: textParam.optional(),
  cursor: cursorParam(z.tuple([z.string(), z.string()])).optional(),
  limit: limitParam,
});

export type ListEntriesQuery = z.infer<typeof listEntriesQuery>;

/**
 * One page of a context's entries ordered by (contextType, key), keyset-paged on that unique
 * pair through the (contextId, contextType, key) index. Values come as a size and a preview;
 * the full value is a separate request.
 */
export async function listEntries(db: Db, provider: Provider, publicId: string, q: ListEntriesQuery) {
  const context = await findContextRow(db, publicId);
  const after = q.cursor && {
    OR: [{ contextType: { gt: q.cursor[0] } }, { contextType: q.cursor[0], key: { gt: q.cursor[1] } }],
  };
  // With a key filter, the page's ids come from a case-insensitive match; the rest reads as usual.
  const matching =
    q.keyContains === undefined
      ? undefined
      : await entryIdsByKey(db, provider, {
          contextRowId: context.id,
          type: q.type,
          keyContains: q.keyContains,
          cursor: q.cursor,
          limit: q.limit,
        });
  const fetched = await db.contextEntry.findMany({
    where: matching ? { id: { in: matching } } : { contextId: context.id, contextType: q.type, key: q.key, ...after },
    orderBy: [{ contextType: "asc" }, { key: "asc" }],
    take: q.limit + 1,
    // Not valueJson: values may be megabytes each; entryPreviews cuts them in the database.
    select: {
      id: true,
      key: true,
      contextType: true,
      contextScope: true,
      keywords: true,
      keyKeywords: true,
      valueKeywords: true,
      valueType: true,
      revision: true,
      updateTime: true,
    },
  });
  const { rows, nextCursor } = pageOf(fetched, q.limit, (r) => [r.contextType, r.key]);
  const previews = await entryPreviews(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({
    key: r.key,
    contextType: r.contextType,
    contextScope: r.contextScope,
    keywords: jsonList(r.keywords),
    keyKeywords: jsonList(r.keyKeywords),
    valueKeywords: jsonList(r.valueKeywords),
    valueType: r.valueType,
    revision: r.revision,
    updateTime: r.updateTime.toISOString(),
    ...(previews.get(r.id) ?? { valueBytes: 0, preview: "null", truncated: false }),
  }));
  return { items, nextCursor };
}
