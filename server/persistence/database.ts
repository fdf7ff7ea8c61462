import { accessSync, constants, mkdirSync } from "node:fs";
import { makePrivate } from "../config/private-files.ts";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type SqliteDatabase from "better-sqlite3";
import pg from "pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "./generated/postgres/client.ts";
import { migrate, sqliteFile } from "./migrate.ts";
import { logger } from "../core/logger.ts";

/**
 * The Prisma client the rest of the server uses. Both generated clients expose the same
 * model API (they come from one models file), so the SQLite one's type stands for both.
 */
export type Db = SqliteClient;
export type Provider = "sqlite" | "postgres";

/**
 * The drivers under Prisma, for the hot statements (ContextStore): SQLite's one connection
 * (shared with Prisma, so there is one writer and no lock contention inside the process) or a
 * pg pool of its own (Prisma keeps its pool for the dashboard's and admin's queries).
 */
export type Driver = { kind: "sqlite"; db: SqliteDatabase.Database } | { kind: "postgres"; pool: pg.Pool };

export interface Database {
  readonly prisma: Db;
  readonly provider: Provider;
  readonly driver: Driver;
  /** True when a trivial query succeeds. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Thrown when the database cannot be opened; the message is one line saying what to fix. */
export class DatabaseOpenError extends Error {
  override name = "DatabaseOpenError";
}

/** Opens the database named by `url`, applies pending migrations, and returns the shared client. */
export async function openDatabase(url: string): Promise<Database> {
  const provider: Provider = url.startsWith("file:") ? "sqlite" : "postgres";
  if (provider === "sqlite") prepareSqliteFolder(url);
  try {
    await migrate(provider, url);
  } catch (err) {
    throw new DatabaseOpenError(describeOpenError(provider, url, err));
  }
  // SQLite creates its -wal and -shm files with the database file's mode, so 0600 covers all three.
  if (provider === "sqlite") makePrivate(...["", "-wal", "-shm"].map((s) => sqliteFile(url) + s));
  const { prisma, driver } = provider === "sqlite" ? await openSqlite(url) : openPostgres(url);
  return {
    prisma,
    provider,
    driver,
    async ping() {
      try {
        await prisma.$queryRawUnsafe("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await prisma.$disconnect();
      if (driver.kind === "postgres") await driver.pool.end();
    },
  };
}

function prepareSqliteFolder(url: string) {
  const dir = path.dirname(path.resolve(sqliteFile(url)));
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
  } catch {
    throw new DatabaseOpenError(
      `Cannot write the data folder ${dir}: make it writable or set DATA_DIR (or DATABASE_URL) to a writable place.`,
    );
  }
}

async function openSqlite(url: string): Promise<{ prisma: Db; driver: Driver }> {
  // The adapter opens its better-sqlite3 connection on connect; we keep a hold of it so the hot
  // statements run on the same connection (a second one would wait on Prisma's open
  // transactions synchronously, inside the event loop those transactions need to finish).
  const factory = new PrismaBetterSQLite3({ url: sqliteFile(url), timeout: 10_000 });
  let connection: SqliteDatabase.Database | undefined;
  const adapter = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const opened = await factory.connect();
      connection = (opened as unknown as { client: SqliteDatabase.Database }).client;
      return opened;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  } as typeof factory;
  const prisma = new SqliteClient({ adapter });
  // WAL lets readers run beside the single writer; NORMAL sync is durable across process crashes in WAL mode.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  if (!connection) throw new Error("the SQLite adapter did not expose its connection");
  const db = connection;
  return {
    prisma,
    driver: {
      kind: "sqlite",
      get db() {
        // Prisma reconnects after $disconnect with a new connection: always hand out the current one.
        return connection ?? db;
      },
    },
  };
}

function openPostgres(url: string): { prisma: Db; driver: Driver } {
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on("error", (err) => logger().error({ component: "db", err }, "idle PostgreSQL connection failed"));
  return { prisma: new PostgresClient({ adapter }) as unknown as Db, driver: { kind: "postgres", pool } };
}

function describeOpenError(provider: Provider, url: string, err: unknown): string {
  const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
  if (provider === "sqlite")
    return `Cannot open the SQLite database ${sqliteFile(url)}: ${reason}. Check DATA_DIR / DATABASE_URL.`;
  const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
  return `Cannot reach PostgreSQL at ${safeUrl}: ${reason}. Check DATABASE_URL and that the server is running.`;
}
