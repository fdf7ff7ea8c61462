import { badInput } from "../core/errors.ts";
import type { Db, Provider } from "../persistence/database.ts";
import { Prisma } from "../persistence/generated/sqlite/client.ts";

/** The fewest characters a trigram index can look up (a prefix brings its own leading quote). */
export const MIN_TEXT_CHARS = { contains: 3, prefix: 2 } as const;

export interface TextSearch {
  text: string;
  match: "prefix" | "contains";
  contextType?: string;
  contextScope?: string;
  contextRowId?: number;
  afterEntryId?: number;
  take: number;
}

/**
 * Ids of the entries, in id order, one of whose keywords (the key is one) holds `text`
 * anywhere (`contains`) or at its start (`prefix`), ignoring case. The database finds them
 * through its trigram index over the entry's keyword list, stored as JSON text
 * (`["orders","sales"]`): a prefix is a match right after a quote. Matching that JSON text can
 * reach across two keywords (`s","q`), so the caller re-checks each candidate's keywords.
 */
export async function searchEntryIds(db: Db, provider: Provider, s: TextSearch): Promise<number[]> {
  const min = MIN_TEXT_CHARS[s.match];
  if ([...s.text].length < min) throw badInput(`q: give at least ${min} characters for a ${s.match} search`);
  // As the text appears inside the JSON list: quotes and backslashes escaped.
  const inJson = (s.match === "prefix" ? '"' : "") + JSON.stringify(s.text).slice(1, -1);
  const filters = [
    s.contextType !== undefined ? Prisma.sql`AND e."contextType" = ${s.contextType}` : Prisma.empty,
    s.contextScope !== undefined ? Prisma.sql`AND e."contextScope" = ${s.contextScope}` : Prisma.empty,
    s.contextRowId !== undefined ? Prisma.sql`AND e."contextId" = ${s.contextRowId}` : Prisma.empty,
  ];
  const after = s.afterEntryId ?? 0;
  const rows =
    provider === "sqlite"
      ? // A quoted FTS5 phrase is a plain substring for the trigram tokenizer, folded for case.
        await db.$queryRaw<{ id: number | bigint }[]>`
          SELECT e."id" FROM "context_entry_fts" f JOIN "context_entry" e ON e."id" = f.rowid
          WHERE "context_entry_fts" MATCH ${`"${inJson.replaceAll('"', '""')}"`} AND f.rowid > ${after}
          ${Prisma.join(filters, " ")}
          ORDER BY f.rowid LIMIT ${s.take}`
      : await db.$queryRaw<{ id: number | bigint }[]>`
          SELECT e."id" FROM "context_entry" e
          WHERE e."keywords" ILIKE ${`%${escapeLike(inJson)}%`} AND e."id" > ${after}
          ${Prisma.join(filters, " ")}
          ORDER BY e."id" LIMIT ${s.take}`;
  return rows.map((r) => Number(r.id));
}

/** LIKE's wildcards and its escape character, taken literally. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Whether one of the keywords holds the text as the search meant it (see searchEntryIds). */
export function keywordMatches(keywords: string[], text: string, match: TextSearch["match"]): boolean {
  const wanted = text.toLowerCase();
  return keywords.some((k) =>
    match === "prefix" ? k.toLowerCase().startsWith(wanted) : k.toLowerCase().includes(wanted),
  );
}
