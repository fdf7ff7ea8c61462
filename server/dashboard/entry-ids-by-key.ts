import type { Db, Provider } from "../persistence/database.ts";
import { Prisma } from "../persistence/generated/sqlite/client.ts";

export interface KeyFilterPage {
  contextRowId: number;
  type?: string;
  /** Part of the key, any case; LIKE's wildcards are taken literally. */
  keyContains: string;
  cursor?: [string, string];
  limit: number;
}

/**
 * The ids of one page (limit + 1 rows) of a context's entries whose key holds the text, ignoring
 * case, in (contextType, key) order after the cursor. Raw SQL because Prisma's `contains` neither
 * escapes wildcards nor ignores case on PostgreSQL; the scan stays inside the context's rows of
 * the (contextId, contextType, key) index.
 */
export async function entryIdsByKey(db: Db, provider: Provider, q: KeyFilterPage): Promise<number[]> {
  const pattern = `%${q.keyContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = provider === "postgres" ? Prisma.sql`ILIKE` : Prisma.sql`LIKE`;
  const type = q.type ? Prisma.sql`AND "contextType" = ${q.type}` : Prisma.empty;
  const after = q.cursor
    ? Prisma.sql`AND ("contextType" > ${q.cursor[0]} OR ("contextType" = ${q.cursor[0]} AND "key" > ${q.cursor[1]}))`
    : Prisma.empty;
  const rows = await db.$queryRaw<{ id: number | bigint }[]>`
    SELECT "id" FROM "context_entry"
    WHERE "contextId" = ${q.contextRowId} ${type} AND "key" ${like} ${pattern} ESCAPE '\\' ${after}
    ORDER BY "contextType", "key" LIMIT ${q.limit + 1}`;
  return rows.map((r) => Number(r.id));
}
