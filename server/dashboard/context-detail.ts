import { contextIdJson, historyJson, rowToMeta, type HistoryStore } from "../contexts/index.ts";
import type { ContextCache } from "../cache/index.ts";
import type { Db, Provider } from "../persistence/database.ts";
import { findContextRow } from "./find-context-row.ts";

const HISTORY_SHOWN = 100;

/**
 * What the context page shows first: the context's fields, how many entries of each type it
 * has, its first history records, and its cache metrics when it is in memory. Read from the
 * database and the cache's peek, so looking does not load the context nor count as an access.
 */
export interface DashboardDeps {
  db: Db;
  /** Which database: the substring search speaks each one's index. */
  provider: Provider;
  cache: ContextCache;
  histories: HistoryStore;
}

export async function contextDetail(services: DashboardDeps, publicId: string) {
  const db = services.db;
  const row = await findContextRow(db, publicId);
  const [counts, histories] = await Promise.all([
    db.contextEntry.groupBy({ by: ["contextType"], where: { contextId: row.id }, _count: { _all: true } }),
    services.histories.list(row.id, HISTORY_SHOWN),
  ]);
  return {
    context: contextIdJson(rowToMeta(row)),
    entryCounts: Object.fromEntries(counts.map((c) => [c.contextType, c._count._all])),
    history: histories.map(historyJson),
    metrics: services.cache.peek(row.id)?.metrics(Date.now()) ?? null,
  };
}
