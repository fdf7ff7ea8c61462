import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/** A fresh, empty database for one test file: a temp SQLite file, or a new PostgreSQL database. */
export interface TestDatabase {
  url: string;
  dataDir: string;
  provider: "sqlite" | "postgres";
  drop(): Promise<void>;
}

export async function createTestDatabase(
  provider = (process.env.TEST_DB ?? "sqlite") as "sqlite" | "postgres",
): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "cs-test-"));
  if (provider === "sqlite") {
    return {
      url: `file:${path.join(dataDir, "test.db")}`,
      dataDir,
      provider,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DB=postgres needs TEST_DATABASE_URL");
  const name = `cs_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(base, `CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    provider,
    async drop() {
      await adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
