import type { Db, Provider } from "../persistence/database.ts";

/** A row count, exact or PostgreSQL's planner estimate (said so, for the page to mark it). */
export interface RowCount {
  count: number;
  estimated: boolean;
}

export interface CleanupSummary {
  id: number;
  actor: string;
  action: string;
  status: string;
  total: number;
  processed: number;
  startTime: string;
  finishTime: string | null;
}

export interface OverviewStore {
  /** Contexts and entries in the database, at most COUNT_TTL_MS.max old. */
  counts(): Promise<{ contexts: RowCount; entries: RowCount; countedAt: string }>;
  recentCleanups(limit: number): Promise<CleanupSummary[]>;
}

/**
 * Counting a million rows is not free, counting a few hundred is: the overview's counts are
 * shared for a hundred times as long as they took to make, between one second (a small
 * database's page stays current) and half a minute (a large one's counts stay cheap).
 */
const COUNT_TTL_MS = { min: 1_000, max: 30_000, perMsOfWork: 100 };
/** Past this many rows (by the planner's estimate) PostgreSQL's estimate is answered instead of a count. */
const ESTIMATE_ABOVE = 200_000;

/** The overview's queries: row counts (cached briefly) and the latest clear jobs. */
export function createOverviewStore(db: Db, provider: Provider, now = Date.now): OverviewStore {
  let cached: { until: number; value: Awaited<ReturnType<OverviewStore["counts"]>> } | undefined;

  async function countTable(table: "context_id" | "context_entry", exact: () => Promise<number>): Promise<RowCount> {
    if (provider === "postgres") {
      const rows = await db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT reltuples::float8 AS n FROM pg_class WHERE oid = to_regclass($1)`,
        table,
      );
      const estimate = Number(rows[0]?.n ?? -1);
      // -1: never analyzed; small tables are counted exactly.
      if (estimate > ESTIMATE_ABOVE) return { count: Math.round(estimate), estimated: true };
    }
    return { count: await exact(), estimated: false };
  }

  return {
    async counts() {
      if (cached && now() < cached.until) return cached.value;
      const started = performance.now();
      const [contexts, entries] = [
        await countTable("context_id", () => db.contextId.count()),
        await countTable("context_entry", () => db.contextEntry.count()),
      ];
      const { min, max, perMsOfWork } = COUNT_TTL_MS;
      const ttl = Math.min(max, Math.max(min, (performance.now() - started) * perMsOfWork));
      cached = { until: now() + ttl, value: { contexts, entries, countedAt: new Date(now()).toISOString() } };
      return cached.value;
    },
    async recentCleanups(limit) {
      const rows = await db.clearJob.findMany({ orderBy: { id: "desc" }, take: limit });
      return rows.map((r) => ({
        id: r.id,
        actor: r.actor,
        action: String((JSON.parse(r.criteria) as { action?: unknown }).action ?? "clear"),
        status: r.status,
        total: r.total,
        processed: r.processed,
        startTime: r.startTime.toISOString(),
        finishTime: r.finishTime?.toISOString() ?? null,
      }));
    },
  };
}
