import type SqliteDatabase from "better-sqlite3";
import { notFound } from "../../core/errors.ts";
import type { CommitStats, ContextFields, ContextStore, Mutation } from "../context-store.ts";
import type { ChangeEvent, ContextMeta, Entry } from "../../core/context-types.ts";
import { event, keywordsChanged, planCommit, type CommitWrite } from "./commit-plan.ts";
import { GroupCommit, type Outcome } from "./group-commit.ts";
import {
  ENTRY_COLUMNS,
  definedFieldNames,
  entryValueJson,
  rowToEntry,
  rowToMeta,
  type ContextRow,
  type EntryRow,
} from "./sql-rows.ts";

/** Prisma's SQLite text format for DateTime, so its queries read and compare what we write. */
const ts = (d: Date) => d.toISOString().replace("Z", "+00:00");

type Statement = SqliteDatabase.Statement<unknown[], unknown>;

/**
 * The context store on better-sqlite3: statements prepared once on the connection Prisma
 * also uses. Every write runs synchronously inside one group transaction, each in its own
 * savepoint, so a write that fails rolls back alone; the transaction never spans an await,
 * so Prisma's queries never see it half done.
 */
export class SqliteContextStore implements ContextStore {
  readonly #driver: { db: SqliteDatabase.Database };
  #prepared: { db: SqliteDatabase.Database; s: ReturnType<typeof prepare> } | undefined;
  readonly #group: GroupCommit<Job, unknown>;

  constructor(driver: { db: SqliteDatabase.Database }) {
    this.#driver = driver;
    this.#group = new GroupCommit<Job, unknown>({
      run: (jobs) => this.#runGroup(jobs),
      keyOf: (job) => job.key,
      maxInFlight: 1,
    });
  }

  get commitStats(): CommitStats {
    return this.#group.stats;
  }

  drain() {
    return this.#group.drain();
  }

  /** The statements, prepared on the current connection (Prisma opens a new one after a reconnect). */
  get #s() {
    const db = this.#driver.db;
    if (this.#prepared?.db !== db) this.#prepared = { db, s: prepare(db) };
    return this.#prepared.s;
  }

  #submit<T>(key: number, run: () => T): Promise<T> {
    return this.#group.submit({ key, run }) as Promise<T>;
  }

  create(fields: ContextFields, instance: string, backupInstance: string, now: Date): Promise<ContextMeta> {
    // Creations are independent of each other: a negative key never collides with a context's.
    return this.#submit(-1 - Math.random(), () => {
      const s = this.#s;
      const row = s.createContext.get(
        fields.user ?? null,
        fields.application ?? null,
        fields.source ?? null,
        fields.expireType ?? "NEVER",
        fields.expireTime ? ts(fields.expireTime) : null,
        instance,
        backupInstance,
        ts(now),
        ts(now),
        ts(now),
      ) as ContextRow;
      s.insertLog.run(row.id, 1, "context-created", null, null, null, null, ts(now));
      return rowToMeta(row);
    });
  }

  async load(id: number): Promise<{ meta: ContextMeta; entries: Entry[] } | null> {
    const s = this.#s;
    const row = s.loadContext.get(id) as ContextRow | undefined;
    if (!row) return null;
    return { meta: rowToMeta(row), entries: (s.loadEntries.all(id) as EntryRow[]).map(rowToEntry) };
  }

  updateFields(id: number, fields: ContextFields, now: Date): Promise<ContextMeta> {
    return this.#submit(id, () => {
      const names = definedFieldNames(fields);
      const sets = names.map((n) => `"${n}" = ?`).concat(`"updateTime" = ?`);
      const values = names.map((n) => {
        const v = fields[n];
        return v instanceof Date ? ts(v) : (v ?? null);
      });
      // One statement per combination of fields (at most 32), prepared once.
      const row = this.#statement(`UPDATE "context_id" SET ${sets.join(", ")} WHERE "id" = ? RETURNING *`).get(
        ...values,
        ts(now),
        id,
      ) as ContextRow | undefined;
      if (!row) throw notFound(`Context ${id} does not exist.`);
      return rowToMeta(row);
    });
  }

  commit(meta: ContextMeta, publicId: string, mutations: Mutation[], now: Date): Promise<ChangeEvent[]> {
    if (mutations.length === 0) return Promise.resolve([]);
    const w: CommitWrite = { contextId: meta.id, publicId, mutations, now };
    return this.#submit(meta.id, () => this.#commitOne(w));
  }

  #commitOne(w: CommitWrite): ChangeEvent[] {
    const s = this.#s;
    const t = ts(w.now);
    const bumped = s.bumpRevision.get(w.mutations.length, t, w.contextId) as { revision: number } | undefined;
    if (!bumped) throw notFound(`Context ${w.publicId} does not exist.`);
    const { events, log } = planCommit(w, bumped.revision);
    for (const m of w.mutations) {
      if (m.op === "created" || m.op === "updated") {
        const e = m.entry;
        const { id: entryId } = s.upsertEntry.get(
          w.contextId,
          e.key,
          e.contextType,
          e.contextScope,
          entryValueJson(e),
          e.valueType ?? null,
          JSON.stringify(e.keyKeywords),
          JSON.stringify(e.valueKeywords),
          JSON.stringify(e.keywords),
          e.revision,
          ts(e.createTime),
          ts(e.updateTime),
          t,
        ) as { id: number };
        if (keywordsChanged(m)) {
          if (m.op === "updated") s.deleteEntryKeywords.run(entryId);
          for (const k of e.keywords) s.insertKeyword.run(entryId, w.contextId, k, e.contextType);
        }
      } else if (m.op === "removed") {
        // Its keyword rows go by the foreign key's cascade.
        s.deleteEntry.run(w.contextId, m.contextType, m.key);
      } else {
        s.deleteContextKeywords.run(w.contextId);
        s.deleteContextEntries.run(w.contextId);
      }
    }
    for (const l of log)
      s.insertLog.run(w.contextId, l.revision, l.op, l.contextType, l.key, l.valueJson, l.keywords, t);
    return events;
  }

  remove(meta: ContextMeta, publicId: string, now: Date): Promise<ChangeEvent> {
    return this.#submit(meta.id, () => {
      const s = this.#s;
      const row = s.contextRevision.get(meta.id) as { revision: number } | undefined;
      if (!row) throw notFound(`Context ${publicId} does not exist.`);
      const revision = row.revision + 1;
      s.deleteContextKeywords.run(meta.id);
      s.deleteContext.run(meta.id);
      s.insertLog.run(meta.id, revision, "context-removed", null, null, null, null, ts(now));
      return event(publicId, revision, "context-removed", null, null, null, now);
    });
  }

  async listIds(afterId: number, limit: number): Promise<number[]> {
    return (this.#s.listIds.all(afterId, limit) as { id: number }[]).map((r) => r.id);
  }

  async touchAccessTimes(ids: number[], time: Date): Promise<void> {
    if (ids.length === 0) return;
    // Not a context's write (it changes no revision): one job in whatever group is next.
    await this.#submit(-1 - Math.random(), () => {
      for (let i = 0; i < ids.length; i += 500)
        this.#s.touchAccessTimes.run(ts(time), JSON.stringify(ids.slice(i, i + 500)));
    });
  }

  #statement(sql: string): Statement {
    const s = this.#s;
    let st = s.dynamic.get(sql);
    if (!st) s.dynamic.set(sql, (st = s.db.prepare(sql).safeIntegers(false)));
    return st;
  }

  /** One transaction for the whole group, a savepoint per write. */
  async #runGroup(jobs: Job[]): Promise<Outcome<unknown>[]> {
    // A Prisma interactive transaction is open on this connection (it spans awaits): our
    // statements would land inside it, so wait for it to end.
    while (this.#driver.db.inTransaction) await new Promise((r) => setTimeout(r, 1));
    const s = this.#s;
    const outcomes: Outcome<unknown>[] = [];
    s.begin.run();
    try {
      for (const job of jobs) {
        s.savepoint.run();
        try {
          outcomes.push({ ok: true, value: job.run() });
          s.release.run();
        } catch (error) {
          s.rollbackTo.run();
          s.release.run();
          outcomes.push({ ok: false, error });
        }
      }
      s.commit.run();
    } catch (err) {
      if (s.db.inTransaction) s.rollback.run();
      throw err;
    }
    return outcomes;
  }
}

interface Job {
  key: number;
  run(): unknown;
}

function prepare(db: SqliteDatabase.Database) {
  // Prisma's adapter turns safe integers on for the connection; our rows are plain numbers.
  const p = (sql: string) => db.prepare(sql).safeIntegers(false);
  return {
    db,
    dynamic: new Map<string, Statement>(),
    begin: p("BEGIN IMMEDIATE"),
    commit: p("COMMIT"),
    rollback: p("ROLLBACK"),
    savepoint: p("SAVEPOINT cs_write"),
    release: p("RELEASE cs_write"),
    rollbackTo: p("ROLLBACK TO cs_write"),
    createContext: p(
      `INSERT INTO "context_id" ("user", "application", "source", "expireType", "expireTime", "instance", "backupInstance", "revision", "createTime", "updateTime", "accessTime")
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING *`,
    ),
    loadContext: p(`SELECT * FROM "context_id" WHERE "id" = ?`),
    loadEntries: p(`SELECT ${ENTRY_COLUMNS} FROM "context_entry" WHERE "contextId" = ?`),
    contextRevision: p(`SELECT "revision" FROM "context_id" WHERE "id" = ?`),
    bumpRevision: p(
      `UPDATE "context_id" SET "revision" = "revision" + ?, "updateTime" = ? WHERE "id" = ? RETURNING "revision"`,
    ),
    upsertEntry: p(
      `INSERT INTO "context_entry" ("contextId", ${ENTRY_COLUMNS}, "accessTime") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT ("contextId", "contextType", "key") DO UPDATE SET "contextScope" = excluded."contextScope",
         "valueJson" = excluded."valueJson", "valueType" = excluded."valueType", "keyKeywords" = excluded."keyKeywords",
         "valueKeywords" = excluded."valueKeywords", "keywords" = excluded."keywords", "revision" = excluded."revision",
         "updateTime" = excluded."updateTime"
       RETURNING "id"`,
    ),
    deleteEntryKeywords: p(`DELETE FROM "context_keyword" WHERE "entryId" = ?`),
    insertKeyword: p(
      `INSERT INTO "context_keyword" ("entryId", "contextId", "keyword", "contextType") VALUES (?, ?, ?, ?)`,
    ),
    deleteEntry: p(`DELETE FROM "context_entry" WHERE "contextId" = ? AND "contextType" = ? AND "key" = ?`),
    deleteContextKeywords: p(`DELETE FROM "context_keyword" WHERE "contextId" = ?`),
    deleteContextEntries: p(`DELETE FROM "context_entry" WHERE "contextId" = ?`),
    deleteContext: p(`DELETE FROM "context_id" WHERE "id" = ?`),
    insertLog: p(
      `INSERT INTO "context_change_log" ("contextId", "revision", "op", "contextType", "key", "valueJson", "keywords", "createTime")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    listIds: p(`SELECT "id" FROM "context_id" WHERE "id" > ? ORDER BY "id" LIMIT ?`),
    touchAccessTimes: p(`UPDATE "context_id" SET "accessTime" = ? WHERE "id" IN (SELECT value FROM json_each(?))`),
  };
}
