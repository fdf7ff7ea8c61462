import type { Db } from "../persistence/database.ts";
import { timeWhere, type TimeCriteria } from "./time-criteria.ts";

const idFields = { id: true, instance: true, backupInstance: true } as const;
const oldestFirst = [{ createTime: "asc" as const }, { id: "asc" as const }];

/** Finding the contexts a search or clear names: by time criteria, or by row id. */
export class ClearTargetStore {
  constructor(private readonly db: Db) {}

  /** One page of the contexts matching `criteria`, oldest first, and how many match in all. */
  async page(criteria: TimeCriteria, pageNow: number, pageSize: number) {
    const where = timeWhere(criteria);
    const [rows, total] = await Promise.all([
      this.db.contextId.findMany({
        where,
        orderBy: oldestFirst,
        skip: (pageNow - 1) * pageSize,
        take: pageSize,
        select: idFields,
      }),
      this.db.contextId.count({ where }),
    ]);
    return { rows, total };
  }

  /** How many contexts match `criteria`, and the oldest `sampleSize` of them (a dry run's answer). */
  async countAndSample(criteria: TimeCriteria, sampleSize: number) {
    const where = timeWhere(criteria);
    const [total, sample] = await Promise.all([
      this.db.contextId.count({ where }),
      this.db.contextId.findMany({ where, orderBy: oldestFirst, take: sampleSize, select: idFields }),
    ]);
    return { total, sample };
  }

  /** How many contexts match `criteria`. */
  count(criteria: TimeCriteria) {
    return this.db.contextId.count({ where: timeWhere(criteria) });
  }

  /** How many of these row ids name a context (matching `criteria` when given), a chunk at a time: SQLite refuses more than 999 bound values per query. */
  async countAmong(rowIds: number[], criteria?: TimeCriteria) {
    const where = criteria ? timeWhere(criteria) : {};
    let total = 0;
    for (let i = 0; i < rowIds.length; i += 500)
      total += await this.db.contextId.count({ where: { ...where, id: { in: rowIds.slice(i, i + 500) } } });
    return total;
  }

  /**
   * The next `limit` row ids matching `criteria` after `afterId`, lowest first: a clear walks
   * the primary key, so matches scattered among kept contexts are not re-read every batch.
   */
  async idsAfter(criteria: TimeCriteria, afterId: number, limit: number) {
    const rows = await this.db.contextId.findMany({
      where: { ...timeWhere(criteria), id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  /** Up to `limit` row ids of contexts whose expire time is before `now`, lowest first. */
  async expired(now: Date, limit: number) {
    const rows = await this.db.contextId.findMany({
      where: { expireTime: { lt: now } },
      orderBy: { id: "asc" },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  /** The contexts among these row ids that exist, with the parts of their public ids. */
  existing(rowIds: number[]) {
    return this.db.contextId.findMany({ where: { id: { in: rowIds } }, select: idFields });
  }
}
