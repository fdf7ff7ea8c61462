/**
 * Databases for the `cleanup` bench: bulk seeding with the rows of ./cleanup-rows.ts (plain
 * SQL, not the API), an identical copy for the floor, the floor itself (a plain SQL delete of
 * the same rows), and row counts to check that both ends agree.
 *
 * Seeding drops the secondary indexes of the tables it fills and builds them again after (the
 * same statements, read back from the database), which is much faster than growing them row
 * by row; the schema ends up as the migrations left it. SQLite gets no ANALYZE (the app never
 * runs one); PostgreSQL gets VACUUM ANALYZE, as autovacuum would give a long-lived database.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { migrate, sqliteFile } from "../../server/persistence/migrate.ts";
import { CHILD_TABLES } from "../../server/cleanup/clear-batch.ts";
import { createTestDatabase, type TestDatabase } from "../../test/support/test-database.ts";
import { CLEAR_BEFORE, INSTANCE, RowSource, rowCount, type RowChunk } from "./cleanup-rows.ts";

export type Kind = "sqlite" | "postgres";
export type BenchDatabase = Pick<TestDatabase, "url" | "dataDir" | "provider" | "drop">;

const SEEDED = ["context_id", "context_entry", "context_keyword", "context_history", "context_change_log"] as const;
/** Every table a clear empties for a context, children first, as clearBatch deletes them. */
export const CLEARED = [...CHILD_TABLES, "context_id"] as const;
type Counts = Record<(typeof CLEARED)[number], number>;

const CHUNK = 10_000; // contexts per transaction / statement

/** A fresh database with the app's schema, seeded with contexts 1..n. */
export async function seededDatabase(kind: Kind, n: number, progress: (done: number) => void): Promise<BenchDatabase> {
  const db = await createTestDatabase(kind);
  try {
    await migrate(kind, db.url);
    if (kind === "sqlite") seedSqlite(sqliteFile(db.url), n, progress);
    else await seedPostgres(db.url, n, progress);
    return db;
  } catch (err) {
    await db.drop();
    throw err;
  }
}

const sqliteTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00"); // as Prisma's adapter writes DateTime
const pgTime = (ms: number) => new Date(ms).toISOString();

function seedSqlite(file: string, n: number, progress: (done: number) => void) {
  const db = new Sqlite(file);
  try {
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    db.pragma("foreign_keys = OFF");
    db.pragma("cache_size = -1000000");
    const indexes = db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${SEEDED.map(() => "?").join(",")})`,
      )
      .all(...SEEDED) as { name: string; sql: string }[];
    for (const ix of indexes) db.exec(`DROP INDEX "${ix.name}"`);
    const insert = {
      context: db.prepare(
        `INSERT INTO context_id (id, user, application, instance, backupInstance, revision, createTime, updateTime, accessTime) VALUES (?, ?, ?, '${INSTANCE}', '${INSTANCE}', ?, ?, ?, ?)`,
      ),
      entry: db.prepare(
        `INSERT INTO context_entry (id, contextId, key, contextType, contextScope, valueJson, valueType, keyKeywords, valueKeywords, keywords, revision, createTime, updateTime, accessTime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?)`,
      ),
      keyword: db.prepare(
        `INSERT INTO context_keyword (id, entryId, contextId, keyword, contextType) VALUES (?, ?, ?, ?, ?)`,
      ),
      history: db.prepare(
        `INSERT INTO context_history (id, contextId, source, contextType, keyword, historyJson, createTime, updateTime, accessTime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      changeLog: db.prepare(
        `INSERT INTO context_change_log (id, contextId, revision, op, contextType, key, valueJson, keywords, createTime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    const write = db.transaction((c: RowChunk) => {
      const { context: x, entry: e, keyword: k, history: h, changeLog: l } = c;
      for (let r = 0; r < x.id.length; r++)
        insert.context.run(
          x.id[r],
          x.user[r],
          x.application[r],
          x.revision[r],
          sqliteTime(x.createTime[r]!),
          sqliteTime(x.updateTime[r]!),
          sqliteTime(x.updateTime[r]!),
        );
      for (let r = 0; r < e.id.length; r++) {
        const t = sqliteTime(e.time[r]!);
        insert.entry.run(
          e.id[r],
          e.contextId[r],
          e.key[r],
          e.contextType[r],
          e.contextScope[r],
          e.valueJson[r],
          e.valueType[r],
          e.keyKeywords[r],
          e.keywords[r],
          e.revision[r],
          t,
          t,
          t,
        );
      }
      for (let r = 0; r < k.id.length; r++)
        insert.keyword.run(k.id[r], k.entryId[r], k.contextId[r], k.keyword[r], k.contextType[r]);
      for (let r = 0; r < h.id.length; r++) {
        const t = sqliteTime(h.time[r]!);
        insert.history.run(
          h.id[r],
          h.contextId[r],
          h.source[r],
          h.contextType[r],
          h.keyword[r],
          h.historyJson[r],
          t,
          t,
          t,
        );
      }
      for (let r = 0; r < l.id.length; r++)
        insert.changeLog.run(
          l.id[r],
          l.contextId[r],
          l.revision[r],
          l.op[r],
          l.contextType[r],
          l.key[r],
          l.valueJson[r],
          l.keywords[r],
          sqliteTime(l.time[r]!),
        );
    });
    const source = new RowSource(n);
    let done = 0;
    while (!source.done) {
      const chunk = source.nextChunk(CHUNK);
      write(chunk);
      progress((done += rowCount(chunk).context_id));
    }
    for (const ix of indexes) db.exec(ix.sql);
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** INSERT … SELECT FROM unnest(arrays): one statement per table per chunk. */
const unnestInsert = (table: string, columns: [name: string, type: string][]) =>
  `INSERT INTO "${table}" (${columns.map(([c]) => `"${c}"`).join(", ")}) SELECT * FROM unnest(${columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(", ")})`;

const pgInserts = {
  context: unnestInsert("context_id", [
    ["id", "int"],
    ["user", "text"],
    ["application", "text"],
    ["instance", "text"],
    ["backupInstance", "text"],
    ["revision", "int"],
    ["createTime", "timestamp(3)"],
    ["updateTime", "timestamp(3)"],
    ["accessTime", "timestamp(3)"],
  ]),
  entry: unnestInsert("context_entry", [
    ["id", "int"],
    ["contextId", "int"],
    ["key", "text"],
    ["contextType", "text"],
    ["contextScope", "text"],
    ["valueJson", "text"],
    ["valueType", "text"],
    ["keyKeywords", "text"],
    ["keywords", "text"],
    ["revision", "int"],
    ["createTime", "timestamp(3)"],
    ["updateTime", "timestamp(3)"],
    ["accessTime", "timestamp(3)"],
  ]),
  keyword: unnestInsert("context_keyword", [
    ["id", "int"],
    ["entryId", "int"],
    ["contextId", "int"],
    ["keyword", "text"],
    ["contextType", "text"],
  ]),
  history: unnestInsert("context_history", [
    ["id", "int"],
    ["contextId", "int"],
    ["source", "text"],
    ["contextType", "text"],
    ["keyword", "text"],
    ["historyJson", "text"],
    ["createTime", "timestamp(3)"],
    ["updateTime", "timestamp(3)"],
    ["accessTime", "timestamp(3)"],
  ]),
  changeLog: unnestInsert("context_change_log", [
    ["id", "int"],
    ["contextId", "int"],
    ["revision", "int"],
    ["op", "text"],
    ["contextType", "text"],
    ["key", "text"],
    ["valueJson", "text"],
    ["keywords", "text"],
    ["createTime", "timestamp(3)"],
  ]),
};

async function seedPostgres(url: string, n: number, progress: (done: number) => void) {
  await withClient(url, async (db) => {
    // Superuser only: skips the foreign-key triggers while loading rows that are consistent by construction.
    await db.query("SET session_replication_role = replica");
    await db.query("SET maintenance_work_mem = '512MB'");
    const { rows: indexes } = await db.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY($1) AND indexname NOT LIKE '%\\_pkey'`,
      [SEEDED],
    );
    for (const ix of indexes) await db.query(`DROP INDEX "${ix.name}"`);
    const source = new RowSource(n);
    let done = 0;
    let pending: Promise<unknown> = Promise.resolve();
    while (!source.done) {
      const c = source.nextChunk(CHUNK);
      const { context: x, entry: e, keyword: k, history: h, changeLog: l } = c;
      const instances = x.id.map(() => INSTANCE);
      const entryTimes = e.time.map(pgTime);
      const historyTimes = h.time.map(pgTime);
      const updated = x.updateTime.map(pgTime);
      await pending; // build the next chunk while the database writes this one
      pending = (async () => {
        await db.query("BEGIN");
        await db.query(pgInserts.context, [
          x.id,
          x.user,
          x.application,
          instances,
          instances,
          x.revision,
          x.createTime.map(pgTime),
          updated,
          updated,
        ]);
        await db.query(pgInserts.entry, [
          e.id,
          e.contextId,
          e.key,
          e.contextType,
          e.contextScope,
          e.valueJson,
          e.valueType,
          e.keyKeywords,
          e.keywords,
          e.revision,
          entryTimes,
          entryTimes,
          entryTimes,
        ]);
        await db.query(pgInserts.keyword, [k.id, k.entryId, k.contextId, k.keyword, k.contextType]);
        await db.query(pgInserts.history, [
          h.id,
          h.contextId,
          h.source,
          h.contextType,
          h.keyword,
          h.historyJson,
          historyTimes,
          historyTimes,
          historyTimes,
        ]);
        await db.query(pgInserts.changeLog, [
          l.id,
          l.contextId,
          l.revision,
          l.op,
          l.contextType,
          l.key,
          l.valueJson,
          l.keywords,
          l.time.map(pgTime),
        ]);
        await db.query("COMMIT");
        progress((done += x.id.length));
      })();
    }
    await pending;
    for (const ix of indexes) await db.query(ix.def);
    for (const table of SEEDED)
      await db.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
    await db.query("RESET session_replication_role");
    for (const table of SEEDED) await db.query(`VACUUM (ANALYZE) "${table}"`);
  });
}

/** A second database holding the same rows (a file copy, or CREATE DATABASE … TEMPLATE). */
export async function cloneDatabase(source: BenchDatabase): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "cs-bench-"));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (source.provider === "sqlite") {
    const file = path.join(dataDir, "test.db");
    const src = new Sqlite(sqliteFile(source.url));
    src.pragma("wal_checkpoint(TRUNCATE)");
    src.close();
    copyFileSync(sqliteFile(source.url), file);
    return { url: `file:${file}`, dataDir, provider: "sqlite", drop: async () => removeDir() };
  }
  const from = new URL(source.url);
  const name = `${from.pathname.slice(1)}_floor`;
  const admin = new URL(source.url);
  admin.pathname = "/postgres";
  await withClient(admin.toString(), (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${from.pathname.slice(1)}"`));
  const url = new URL(source.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    provider: "postgres",
    async drop() {
      await withClient(admin.toString(), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      removeDir();
    },
  };
}

/** Flushes what loading and copying left dirty, so neither measured delete pays for it. */
export async function settle(db: BenchDatabase) {
  if (db.provider === "sqlite") {
    const s = new Sqlite(sqliteFile(db.url));
    s.pragma("wal_checkpoint(TRUNCATE)");
    s.close();
  } else await withClient(db.url, (c) => c.query("CHECKPOINT"));
}

export interface FloorResult {
  ms: number;
  /** Per statement, in order: table → ms and rows deleted. */
  statements: { table: string; ms: number; rows: number }[];
}

const floorStatement = (table: string, param: string) =>
  table === "context_id"
    ? `DELETE FROM "context_id" WHERE "createTime" <= ${param}`
    : `DELETE FROM "${table}" WHERE "contextId" IN (SELECT "id" FROM "context_id" WHERE "createTime" <= ${param})`;

/**
 * The floor: the same rows removed by plain SQL in one transaction, children by contextId
 * then the contexts, on a connection set up as the server's (SQLite: WAL, synchronous NORMAL,
 * foreign keys on).
 */
export async function floorDelete(db: BenchDatabase): Promise<FloorResult> {
  const statements: FloorResult["statements"] = [];
  if (db.provider === "sqlite") {
    const s = new Sqlite(sqliteFile(db.url));
    try {
      s.pragma("journal_mode = WAL");
      s.pragma("synchronous = NORMAL");
      s.pragma("foreign_keys = ON");
      const cutoff = sqliteTime(CLEAR_BEFORE.getTime());
      const prepared = CLEARED.map((table) => ({ table, stmt: s.prepare(floorStatement(table, "?")) }));
      const started = performance.now();
      s.transaction(() => {
        for (const { table, stmt } of prepared) {
          const t0 = performance.now();
          const { changes } = stmt.run(cutoff);
          statements.push({ table, ms: performance.now() - t0, rows: changes });
        }
      })();
      return { ms: performance.now() - started, statements };
    } finally {
      s.close();
    }
  }
  return withClient(db.url, async (c) => {
    const started = performance.now();
    await c.query("BEGIN");
    for (const table of CLEARED) {
      const t0 = performance.now();
      const r = await c.query(floorStatement(table, "$1"), [pgTime(CLEAR_BEFORE.getTime())]);
      statements.push({ table, ms: performance.now() - t0, rows: r.rowCount ?? 0 });
    }
    await c.query("COMMIT");
    return { ms: performance.now() - started, statements };
  });
}

/** Rows left in every table a clear touches. */
export async function countRows(db: BenchDatabase): Promise<Counts> {
  const sql = `SELECT ${CLEARED.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(", ")}`;
  if (db.provider === "sqlite") {
    const s = new Sqlite(sqliteFile(db.url), { readonly: true });
    try {
      return s.prepare(sql).get() as Counts;
    } finally {
      s.close();
    }
  }
  const row = await withClient(db.url, async (c) => (await c.query<Record<string, string>>(sql)).rows[0]!);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as Counts;
}

/** Database size on disk, bytes. */
export async function databaseBytes(db: BenchDatabase): Promise<number> {
  if (db.provider === "sqlite") {
    const s = new Sqlite(sqliteFile(db.url), { readonly: true });
    try {
      return (s.pragma("page_count", { simple: true }) as number) * (s.pragma("page_size", { simple: true }) as number);
    } finally {
      s.close();
    }
  }
  return withClient(db.url, async (c) =>
    Number((await c.query<{ size: string }>("SELECT pg_database_size(current_database()) AS size")).rows[0]!.size),
  );
}
