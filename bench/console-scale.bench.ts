/**
 * The operator console at scale, on SQLite or (with CONSOLE_SCALE_POSTGRES_URL, a server URL
 * whose database is created and dropped here) PostgreSQL: CONSOLE_SCALE_CONTEXTS contexts (default 1,000,000),
 * one entry each, seeded in bulk by SQL, then the contexts page's first request (first page
 * and its total) and substring searches over the entries, each timed over HTTP against the
 * real app. Figures: milliseconds, the median of a few runs after one warm-up.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { createApp } from "../server/app.ts";
import { createToken } from "../server/auth/tokens.ts";
import { loadConfig } from "../server/config/env.ts";
import { migrate } from "../server/persistence/migrate.ts";
import { note, printFigure } from "./lib/figures.ts";

const N = Number(process.env.CONSOLE_SCALE_CONTEXTS ?? 1_000_000);
const RUNS = 5;
const dir = mkdtempSync(path.join(os.tmpdir(), "cs-console-scale-"));
const file = path.join(dir, "scale.db");
const server = process.env.CONSOLE_SCALE_POSTGRES_URL;
const pgName = `cs_console_scale_${process.pid}`;
const url = server ? Object.assign(new URL(server), { pathname: `/${pgName}` }).toString() : `file:${file}`;

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The same rows as the SQLite seed below, by generate_series; then ANALYZE, as autovacuum would. */
async function seedPostgres() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO "context_id" ("user", "application", "expireType", "instance", "backupInstance", "revision", "createTime", "updateTime", "accessTime")
      SELECT 'user_' || (x % 997), 'app_' || (x % 53), 'NEVER', 'cs_1_dev', 'cs_1_dev', 1, t, t, t
      FROM (SELECT x, to_timestamp(1700000000 + x * 30) AT TIME ZONE 'UTC' AS t FROM generate_series(1, ${N}) x) s`);
    await client.query(`
      INSERT INTO "context_entry" ("contextId", "key", "contextType", "contextScope", "valueJson", "keyKeywords", "valueKeywords", "keywords", "revision", "createTime", "updateTime", "accessTime")
      SELECT "id", 'table_' || "id", 'METADATA', 'PUBLIC', '{"rows":' || "id" || '}', '[]', '[]',
        '["table_' || "id" || '","Orders_' || ("id" % 1000) || '"]', 1, "createTime", "createTime", "createTime"
      FROM "context_id"`);
    await client.query(`ANALYZE "context_id"; ANALYZE "context_entry"`);
  } finally {
    await client.end();
  }
}

try {
  if (server) await adminQuery(`CREATE DATABASE "${pgName}"`);
  await migrate(server ? "postgres" : "sqlite", url);
  const seeding = performance.now();
  if (server) await seedPostgres();
  else seedSqlite();
  note(`seeded ${N} contexts and ${N} entries in ${Math.round((performance.now() - seeding) / 1000)} s`);

  const app = await createApp(
    loadConfig({ DATA_DIR: dir, DATABASE_URL: url, ADMIN_PASSWORD: "bench-admin-password", LOG_LEVEL: "warn" }),
  );
  const port = await app.listen(0, "127.0.0.1");
  const token = await createToken(app.services.database.prisma, "admin");
  const timed = async (what: string, pathAndQuery: string, check: (body: Record<string, unknown>) => string) => {
    const times: number[] = [];
    let said = "";
    for (let i = 0; i <= RUNS; i++) {
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}${pathAndQuery}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as Record<string, unknown>;
      const ms = performance.now() - started;
      if (res.status !== 200) throw new Error(`${pathAndQuery}: ${res.status} ${JSON.stringify(body)}`);
      said = check(body);
      if (i > 0) times.push(ms); // the first run warms the caches
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    note(`${what}: median ${median.toFixed(1)} ms (${said})`);
    printFigure({
      bench: "console-scale",
      metric: what,
      value: Number(median.toFixed(1)),
      unit: "ms",
      contexts: N,
      database: server ? "postgres" : "sqlite",
    });
  };
  const page = (b: Record<string, unknown>) => `${(b.items as unknown[]).length} rows, total ${b.total} (${b.totalIs})`;
  const hits = (b: Record<string, unknown>) => `${(b.items as unknown[]).length} hits`;
  await timed("contexts first page with total", "/api/v1/contexts", page);
  await timed("contexts filtered by part of user, with total", "/api/v1/contexts?user=SER_99", page);
  await timed("search contains, rare (one entry)", "/api/v1/search?q=ABLE_987654&match=contains", hits);
  await timed("search contains, common (1 in 1000)", "/api/v1/search?q=rders_77&match=contains", hits);
  await timed("search contains, everywhere (first page)", "/api/v1/search?q=table_&match=contains", hits);
  await timed("search prefix", "/api/v1/search?q=ORDERS_12&match=prefix", hits);
  await app.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (server) await adminQuery(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`);
}

function seedSqlite() {
  const raw = new Sqlite(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  // Times as the app writes them (ISO with +00:00), 30 s apart; users and applications repeat.
  raw.exec(`
    WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < ${N})
    INSERT INTO "context_id" ("user", "application", "expireType", "instance", "backupInstance", "revision", "createTime", "updateTime", "accessTime")
    SELECT 'user_' || (x % 997), 'app_' || (x % 53), 'NEVER', 'cs_1_dev', 'cs_1_dev', 1, t, t, t
    FROM (SELECT x, strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 1700000000 + x * 30, 'unixepoch') AS t FROM s);
    INSERT INTO "context_entry" ("contextId", "key", "contextType", "contextScope", "valueJson", "keyKeywords", "valueKeywords", "keywords", "revision", "createTime", "updateTime", "accessTime")
    SELECT "id", 'table_' || "id", 'METADATA', 'PUBLIC', '{"rows":' || "id" || '}', '[]', '[]',
      json_array('table_' || "id", 'Orders_' || ("id" % 1000)), 1, "createTime", "createTime", "createTime"
    FROM "context_id";`);
  raw.close();
}
