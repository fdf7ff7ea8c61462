import type { Db } from "../../persistence/database.ts";
import type { ContextHistory } from "../../persistence/generated/sqlite/client.ts";

export interface HistoryInput {
  source: string;
  contextType: string;
  keyword?: string | null;
  historyJson: string;
}

/** Context history records (what produced the context's data), one per (context, source). */
export class HistoryStore {
  constructor(private readonly db: Db) {}

  /** Creates the record, or replaces the one with the same source. */
  async put(contextId: number, h: HistoryInput, now: Date) {
    const data = {
      contextType: h.contextType,
      keyword: h.keyword ?? null,
      historyJson: h.historyJson,
      updateTime: now,
    };
    return this.db.contextHistory.upsert({
      where: { contextId_source: { contextId, source: h.source } },
      create: { contextId, source: h.source, createTime: now, accessTime: now, ...data },
      update: data,
    });
  }

  async remove(contextId: number, source: string) {
    return (await this.db.contextHistory.deleteMany({ where: { contextId, source } })).count;
  }

  list(contextId: number, take = 1000) {
    return this.db.contextHistory.findMany({ where: { contextId }, orderBy: { id: "asc" }, take });
  }

  get(contextId: number, source: string) {
    return this.db.contextHistory.findUnique({ where: { contextId_source: { contextId, source } } });
  }

  /** Records whose keyword contains any of the given keywords. */
  search(contextId: number, keywords: string[]) {
    return this.db.contextHistory.findMany({
      where: { contextId, OR: keywords.map((k) => ({ keyword: { contains: k } })) },
      orderBy: { id: "asc" },
      take: 1000,
    });
  }
}

export const historyJson = (h: ContextHistory) => ({
  source: h.source,
  contextType: h.contextType,
  keyword: h.keyword,
  historyJson: h.historyJson,
  createTime: h.createTime.toISOString(),
  updateTime: h.updateTime.toISOString(),
});
