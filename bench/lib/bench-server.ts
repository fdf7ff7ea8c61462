/**
 * A server for the HTTP benches, run as a child process (`fork`) so its CPU time is its own:
 * `ours <databaseUrl> <dataDir>` is the real server (createApp); `floor-sqlite <file>` and
 * `floor-postgres <url>` are bare node:http servers doing the durable work of one write per
 * request through the driver; `floor-read <body> [work µs]` answers every request with a fixed body
 * (after burning `work µs` of CPU, for the read bench's calibration floor).
 * It tells the parent its port (and what it needs), then answers `cpu` and `stats` messages.
 */
import http from "node:http";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { createApp } from "../../server/app.ts";
import { createToken } from "../../server/auth/tokens.ts";
import { loadConfig } from "../../server/config/env.ts";
import { migrate } from "../../server/persistence/migrate.ts";

export const FLOOR_CONTEXTS = 100;
const [mode, arg1, arg2] = process.argv.slice(2);
let stats: () => unknown = () => null;

process.on("message", (msg: string) => {
  if (msg === "cpu") process.send!({ cpu: process.cpuUsage() });
  else if (msg === "stats") process.send!({ stats: stats() });
  else if (msg === "exit") process.exit(0);
});
process.on("disconnect", () => process.exit(0));

const ok = (method: string) => JSON.stringify({ method, status: 0, message: "OK", data: {} });
const SET_ANSWER = ok("/api/contextservice/setValueByKey");

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function answer(res: http.ServerResponse, status: number, text: string) {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

const rowOf = (publicId: string) => Number(/\d+$/.exec(publicId)![0]);

interface WriteBody {
  contextID: string;
  contextKey: { key: string; contextType: string; contextScope: string };
  contextValue: { value: unknown };
}

/** Rounds alternate: a side's connections sit idle through the other side's round, so no keep-alive timeout. */
function keepConnections(server: http.Server) {
  server.keepAliveTimeout = 0;
  server.headersTimeout = 0;
  server.requestTimeout = 0;
}

async function listen(server: http.Server, extra: Record<string, unknown> = {}) {
  keepConnections(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.send!({ port: (server.address() as { port: number }).port, ...extra });
}

if (mode === "ours") {
  const config = loadConfig({
    DATA_DIR: arg2!,
    DATABASE_URL: arg1!,
    ADMIN_PASSWORD: "bench-admin-password",
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0",
  });
  const app = await createApp(config);
  keepConnections(app.httpServer);
  const port = await app.listen(0, "127.0.0.1");
  const token = await createToken(app.services.database.prisma, "admin");
  stats = () => app.services.store.commitStats;
  process.send!({ port, token });
} else if (mode === "floor-sqlite") {
  await migrate("sqlite", `file:${arg1}`);
  const db = new Sqlite(arg1!);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  const ts = (d: Date) => d.toISOString().replace("Z", "+00:00");
  const bump = db.prepare(
    `UPDATE "context_id" SET "revision" = "revision" + 1, "updateTime" = ? WHERE "id" = ? RETURNING "revision"`,
  );
  const upsert = db.prepare(
    `INSERT INTO "context_entry" ("contextId", "key", "contextType", "contextScope", "valueJson", "revision", "createTime", "updateTime", "accessTime")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT ("contextId", "contextType", "key") DO UPDATE SET "valueJson" = excluded."valueJson", "revision" = excluded."revision", "updateTime" = excluded."updateTime"`,
  );
  const log = db.prepare(
    `INSERT INTO "context_change_log" ("contextId", "revision", "op", "contextType", "key", "valueJson", "createTime") VALUES (?, ?, 'updated', ?, ?, ?, ?)`,
  );
  const write = db.transaction((b: WriteBody) => {
    const id = rowOf(b.contextID);
    const t = ts(new Date());
    const { revision } = bump.get(t, id) as { revision: number };
    const valueJson = JSON.stringify(b.contextValue.value);
    upsert.run(id, b.contextKey.key, b.contextKey.contextType, b.contextKey.contextScope, valueJson, revision, t, t, t);
    log.run(id, revision, b.contextKey.contextType, b.contextKey.key, valueJson, t);
  });
  const create = db.prepare(
    `INSERT INTO "context_id" ("instance", "backupInstance", "revision", "createTime", "updateTime", "accessTime") VALUES ('cs_1_dev', 'cs_1_dev', 0, ?, ?, ?) RETURNING "id"`,
  );
  const ids = Array.from({ length: FLOOR_CONTEXTS }, () => {
    const t = ts(new Date());
    return (create.get(t, t, t) as { id: number }).id;
  });
  const server = http.createServer(async (req, res) => {
    try {
      write(JSON.parse(await readBody(req)));
      answer(res, 200, SET_ANSWER);
    } catch (err) {
      answer(res, 500, JSON.stringify({ status: 1, message: (err as Error).message }));
    }
  });
  await listen(server, { ids });
} else if (mode === "floor-postgres") {
  await migrate("postgres", arg1!);
  const pool = new pg.Pool({ connectionString: arg1, max: 10 });
  const q = (name: string, text: string) => (values: unknown[]) => ({ name, text, values });
  const bump = q(
    "bump",
    `UPDATE "context_id" SET "revision" = "revision" + 1, "updateTime" = $1::timestamp WHERE "id" = $2 RETURNING "revision"`,
  );
  const upsert = q(
    "upsert",
    `INSERT INTO "context_entry" ("contextId", "key", "contextType", "contextScope", "valueJson", "revision", "createTime", "updateTime", "accessTime")
     VALUES ($1, $2, $3, $4, $5, $6, $7::timestamp, $7::timestamp, $7::timestamp)
     ON CONFLICT ("contextId", "contextType", "key") DO UPDATE SET "valueJson" = excluded."valueJson", "revision" = excluded."revision", "updateTime" = excluded."updateTime"`,
  );
  const log = q(
    "log",
    `INSERT INTO "context_change_log" ("contextId", "revision", "op", "contextType", "key", "valueJson", "createTime") VALUES ($1, $2, 'updated', $3, $4, $5, $6::timestamp)`,
  );
  const ids: number[] = [];
  for (let i = 0; i < FLOOR_CONTEXTS; i++) {
    const { rows } = await pool.query(
      `INSERT INTO "context_id" ("instance", "backupInstance", "revision") VALUES ('cs_1_dev', 'cs_1_dev', 0) RETURNING "id"`,
    );
    ids.push(rows[0].id);
  }
  const server = http.createServer(async (req, res) => {
    const b = JSON.parse(await readBody(req)) as WriteBody;
    const c = await pool.connect();
    try {
      const id = rowOf(b.contextID);
      const t = new Date().toISOString();
      const valueJson = JSON.stringify(b.contextValue.value);
      await c.query("BEGIN");
      const { rows } = await c.query(bump([t, id]));
      const revision = rows[0].revision;
      await c.query(
        upsert([id, b.contextKey.key, b.contextKey.contextType, b.contextKey.contextScope, valueJson, revision, t]),
      );
      await c.query(log([id, revision, b.contextKey.contextType, b.contextKey.key, valueJson, t]));
      await c.query("COMMIT");
      answer(res, 200, SET_ANSWER);
    } catch (err) {
      await c.query("ROLLBACK").catch(() => undefined);
      answer(res, 500, JSON.stringify({ status: 1, message: (err as Error).message }));
    } finally {
      c.release();
    }
  });
  await listen(server, { ids });
} else if (mode === "floor-read") {
  const body = arg1!;
  // A calibration floor: the same answer after `arg2` µs of CPU, standing in for a handler's own work.
  const workMs = Number(arg2 ?? 0) / 1000;
  const server = http.createServer(async (req, res) => {
    await readBody(req);
    if (workMs > 0) for (const until = performance.now() + workMs; performance.now() < until;);
    answer(res, 200, body);
  });
  await listen(server);
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
