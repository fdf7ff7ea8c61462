import { badInput } from "../core/errors.ts";
import type { Db, Provider } from "../persistence/database.ts";
import { Prisma } from "../persistence/generated/sqlite/client.ts";

/** More distinct names than this for one filter is a filter too loose to be meant. */
export const MAX_MATCHING_NAMES = 1000;

/**
 * The distinct users (or applications) holding `text`, ignoring case, with LIKE's wildcards
 * taken literally (Prisma's `contains` does not escape them). PostgreSQL answers from the
 * column's trigram index, SQLite from a scan of the column's own index, never of the table;
 * the list then filters on the names found through the usual index.
 */
export async function matchingNames(
  db: Db,
  provider: Provider,
  column: "user" | "application",
  text: string,
): Promise<string[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = provider === "postgres" ? Prisma.sql`ILIKE` : Prisma.sql`LIKE`;
  const col = Prisma.raw(`"${column}"`);
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT DISTINCT ${col} AS "name" FROM "context_id" WHERE ${col} ${like} ${pattern} ESCAPE '\\'
    LIMIT ${MAX_MATCHING_NAMES + 1}`;
  if (rows.length > MAX_MATCHING_NAMES)
    throw badInput(`${column}: more than ${MAX_MATCHING_NAMES} names contain "${text}"; give more of the name`);
  return rows.map((r) => r.name);
}
