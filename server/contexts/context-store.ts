import type { Db } from "../persistence/database.ts";
import { notFound } from "../http/app-error.ts";
import { entryColumns, rowToEntry, rowToMeta } from "./entry-rows.ts";
import type { ChangeEvent, ContextMeta, ContextType, Entry, ExpireType } from "./types.ts";

/** One change to a context's entries, committed with the others of the same call. */
export type Mutation =
  | { op: "created" | "updated"; entry: Entry; previousKeywords?: string[] }
  | { op: "removed"; contextType: ContextType; key: string; keywords?: string[]; value?: unknown }
  | { op: "context-cleared" };

export interface ContextFields {
  user?: string | null;
  application?: string | null;
  source?: string | null;
  expireType?: ExpireType | null;
  expireTime?: Date | null;
}

/**
 * Persistence of contexts and entries. Every change is one transaction: the entry rows, their
 * keyword rows, the context's revision (one per mutation, no gaps) and the change log.
 */
export class ContextStore {
  constructor(private readonly db: Db) {}

  async create(fields: ContextFields, instance: string, backupInstance: string, now: Date): Promise<ContextMeta> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.contextId.create({
        data: {
          ...definedFields(fields),
          instance,
          backupInstance,
          revision: 1,
          createTime: now,
          updateTime: now,
          accessTime: now,
        },
      });
      await tx.changeLog.create({ data: { contextId: row.id, revision: 1, op: "context-created", createTime: now } });
      return rowToMeta(row);
    });
  }

  async load(id: number): Promise<{ meta: ContextMeta; entries: Entry[] } | null> {
    const row = await this.db.contextId.findUnique({ where: { id } });
    if (!row) return null;
    const entries = await this.db.contextEntry.findMany({ where: { contextId: id } });
    return { meta: rowToMeta(row), entries: entries.map(rowToEntry) };
  }

  async updateFields(id: number, fields: ContextFields, now: Date): Promise<ContextMeta> {
    const row = await this.db.contextId
      .update({ where: { id }, data: { ...definedFields(fields), updateTime: now } })
      .catch(rethrowMissing(id));
    return rowToMeta(row);
  }

  /** Commits the mutations in order; returns the events they make, with their revisions. */
  async commit(meta: ContextMeta, publicId: string, mutations: Mutation[], now: Date): Promise<ChangeEvent[]> {
    if (mutations.length === 0) return [];
    return this.db.$transaction(async (tx) => {
      const { revision: last } = await tx.contextId
        .update({
          where: { id: meta.id },
          data: { revision: { increment: mutations.length }, updateTime: now },
          select: { revision: true },
        })
        .catch(rethrowMissing(meta.id));
      const first = last - mutations.length + 1;
      const events: ChangeEvent[] = [];
      for (const [i, m] of mutations.entries()) {
        const revision = first + i;
        if (m.op === "created" || m.op === "updated") {
          m.entry.revision = revision;
          const where = {
            contextId_contextType_key: { contextId: meta.id, contextType: m.entry.contextType, key: m.entry.key },
          };
          const columns = entryColumns(m.entry);
          const row = await tx.contextEntry.upsert({
            where,
            create: {
              contextId: meta.id,
              key: m.entry.key,
              contextType: m.entry.contextType,
              createTime: m.entry.createTime,
              accessTime: now,
              ...columns,
            },
            update: columns,
            select: { id: true },
          });
          // Most updates change the value, not the keywords: then the keyword rows stay as they are.
          const sameKeywords = m.op === "updated" && sameList(m.previousKeywords, m.entry.keywords);
          if (m.op === "updated" && !sameKeywords) await tx.contextKeyword.deleteMany({ where: { entryId: row.id } });
          if (!sameKeywords) {
            await tx.contextKeyword.createMany({
              data: m.entry.keywords.map((keyword) => ({
                entryId: row.id,
                contextId: meta.id,
                keyword,
                contextType: m.entry.contextType,
              })),
            });
          }
          events.push(event(publicId, revision, m.op, m.entry.contextType, m.entry.key, m.entry.value, now));
        } else if (m.op === "removed") {
          await tx.contextEntry.deleteMany({ where: { contextId: meta.id, contextType: m.contextType, key: m.key } });
          events.push(event(publicId, revision, "removed", m.contextType, m.key, null, now));
        } else {
          await tx.contextKeyword.deleteMany({ where: { contextId: meta.id } });
          await tx.contextEntry.deleteMany({ where: { contextId: meta.id } });
          events.push(event(publicId, revision, "context-cleared", null, null, null, now));
        }
      }
      await tx.changeLog.createMany({
        data: events.map((e, i) => ({
          contextId: meta.id,
          revision: e.revision,
          op: e.op,
          contextType: e.contextType,
          key: e.key,
          // A removal logs the value it removed: resumed events are filtered by it like live ones.
          valueJson: loggedValue(mutations[i]!),
          keywords: keywordsOf(mutations[i]!),
          createTime: now,
        })),
      });
      return events;
    });
  }

  /** Removes the context and everything under it; logs `context-removed` (the log has no foreign key, so it stays). */
  async remove(meta: ContextMeta, publicId: string, now: Date): Promise<ChangeEvent> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.contextId.findUnique({ where: { id: meta.id }, select: { revision: true } });
      if (!row) throw notFound(`Context ${publicId} does not exist.`);
      const revision = row.revision + 1;
      await tx.contextKeyword.deleteMany({ where: { contextId: meta.id } });
      await tx.contextId.delete({ where: { id: meta.id } });
      await tx.changeLog.create({ data: { contextId: meta.id, revision, op: "context-removed", createTime: now } });
      return event(publicId, revision, "context-removed", null, null, null, now);
    });
  }

  /** Context row ids after `afterId`, ascending: for walking every context in pages. */
  async listIds(afterId: number, limit: number): Promise<number[]> {
    const rows = await this.db.contextId.findMany({
      where: { id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  /** Writes access times back in one statement per batch. */
  async touchAccessTimes(ids: number[], time: Date) {
    for (let i = 0; i < ids.length; i += 500) {
      await this.db.contextId.updateMany({ where: { id: { in: ids.slice(i, i + 500) } }, data: { accessTime: time } });
    }
  }
}

const sameList = (a: string[] | undefined, b: string[]) =>
  a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

const loggedValue = (m: Mutation) =>
  "entry" in m
    ? JSON.stringify(m.entry.value ?? null)
    : m.op === "removed" && m.value !== undefined
      ? JSON.stringify(m.value)
      : null;

/** Keywords logged with a change: the written entry's; a removal's are filled in by the service. */
const keywordsOf = (m: Mutation) =>
  "entry" in m
    ? JSON.stringify(m.entry.keywords)
    : m.op === "removed" && m.keywords
      ? JSON.stringify(m.keywords)
      : null;

const event = (
  contextId: string,
  revision: number,
  op: ChangeEvent["op"],
  contextType: ContextType | null,
  key: string | null,
  value: unknown,
  time: Date,
): ChangeEvent => ({
  contextId,
  revision,
  op,
  contextType,
  key,
  value,
  time,
});

function definedFields(fields: ContextFields) {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

const rethrowMissing = (id: number) => (err: { code?: string }) => {
  if (err?.code === "P2025") throw notFound(`Context ${id} does not exist.`);
  throw err;
};
