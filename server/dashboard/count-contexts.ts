import type { Db, Provider } from "../persistence/database.ts";
import type { Prisma } from "../persistence/generated/sqlite/client.ts";

/** Past this many matching contexts a filtered list says "more than" instead of counting on. */
export const COUNT_CAP = 100_000;

/**
 * How a list's total was reached: counted (`exact`), read from PostgreSQL's table statistics
 * (`estimate`, for the whole table when it is large), or counted up to COUNT_CAP and stopped
 * (`atLeast`): a filter matching millions would cost a scan of millions to count exactly.
 */
export type TotalKind = "exact" | "estimate" | "atLeast";

export async function countContexts(
  db: Db,
  provider: Provider,
  where: Prisma.ContextIdWhereInput,
  filtered: boolean,
): Promise<{ total: number; totalIs: TotalKind }> {
  if (!filtered) {
    if (provider === "postgres") {
      // reltuples is -1 before the first ANALYZE (autovacuum runs it as the table grows).
      const [stats] = await db.$queryRaw<{ rows: number }[]>`
        SELECT reltuples::float8 AS "rows" FROM pg_class WHERE oid = '"context_id"'::regclass`;
      if (stats && stats.rows >= COUNT_CAP) return { total: Math.round(stats.rows), totalIs: "estimate" };
    }
    // SQLite counts a whole table from its smallest index; a small PostgreSQL table counts quickly.
    return { total: await db.contextId.count(), totalIs: "exact" };
  }
  const counted = await db.contextId.count({ where, take: COUNT_CAP + 1 });
  return counted > COUNT_CAP ? { total: COUNT_CAP, totalIs: "atLeast" } : { total: counted, totalIs: "exact" };
}
