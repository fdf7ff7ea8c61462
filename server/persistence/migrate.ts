import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";

/**
 * Applies the committed migrations (prisma/<provider>/migrations) that the database lacks.
 * Prisma's own `migrate deploy` needs its schema engine, a native binary npm install does not
 * fetch without the internet (the project runs Prisma without engine binaries), so we apply the same files and keep Prisma's bookkeeping table
 * `_prisma_migrations` in its format: `prisma migrate status` still reads it.
 */
export async function migrate(provider: "sqlite" | "postgres", url: string): Promise<string[]> {
  const pending = listMigrations(provider);
  return provider === "sqlite" ? migrateSqlite(url, pending) : migratePostgres(url, pending);
}

type Migration = { name: string; sql: string; checksum: string };

const migrationsDir = (provider: string) => path.resolve(process.cwd(), "prisma", provider, "migrations");

function listMigrations(provider: string): Migration[] {
  const dir = migrationsDir(provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const bookkeeping = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

export const sqliteFile = (url: string) => url.replace(/^file:/, "").replace(/\?.*$/, "");

function migrateSqlite(url: string, migrations: Migration[]): string[] {
  const db = new Sqlite(sqliteFile(url));
  try {
    db.pragma("journal_mode = WAL");
    db.exec(bookkeeping.replaceAll("TIMESTAMPTZ", "DATETIME").replace("now()", "current_timestamp"));
    const done = new Set(
      db
        .prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`)
        .pluck()
        .all() as string[],
    );
    const applied: string[] = [];
    for (const m of migrations.filter((x) => !done.has(x.name))) {
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), m.checksum, new Date().toISOString(), m.name, new Date().toISOString());
      })();
      applied.push(m.name);
    }
    return applied;
  } finally {
    db.close();
  }
}

// Any fixed number: serialises migrations when several processes start on one database.
const MIGRATION_LOCK = 727_073_690;

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(bookkeeping);
    const { rows } = await client.query(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
    );
    const done = new Set(rows.map((r) => r.migration_name as string));
    const applied: string[] = [];
    for (const m of migrations.filter((x) => !done.has(x.name))) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}
