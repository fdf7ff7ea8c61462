// Worker thread: runs SQLite clear batches on its own connection, so the server's event loop
// keeps serving while a batch deletes and commits (WAL lets the main connection go on reading).
// Plain JavaScript on purpose: a worker starts without the TypeScript loader the server has.
// Each message {seq, rowIds, jobId} is one transaction, answered {seq, cleared, ms} or {seq, error};
// it also adds what it cleared to the job's `processed`, so a crash cannot separate the two.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

// The tables come from clear-batch.ts (workerData.childTables): both clear paths delete the same ones.
const CHILD_TABLES = workerData.childTables;

const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("foreign_keys = ON");

// One bound JSON array instead of a bound value per id: no 999-variable limit.
const ids = "(SELECT value FROM json_each(?))";
const select = db.prepare(
  `SELECT "id", "revision", "instance", "backupInstance" FROM "context_id" WHERE "id" IN ${ids} ORDER BY "id"`,
);
const deletes = [...CHILD_TABLES, "context_id"].map((table) =>
  db.prepare(`DELETE FROM "${table}" WHERE "${table === "context_id" ? "id" : "contextId"}" IN ${ids}`),
);

const countJob = db.prepare(`UPDATE "cs_clear_job" SET "processed" = "processed" + ? WHERE "id" = ?`);

// As clear-batch.ts does: each cleared context's clear stays in the change log.
const logClear = db.prepare(
  `INSERT INTO "context_change_log" ("contextId", "revision", "op", "createTime") VALUES (?, ?, 'context-cleared', ?)`,
);

const clear = db.transaction((rowIds, jobId) => {
  const rows = select.all(JSON.stringify(rowIds));
  if (rows.length === 0) return [];
  const found = JSON.stringify(rows.map((r) => r.id));
  for (const statement of deletes) statement.run(found);
  if (jobId != null) countJob.run(rows.length, jobId);
  // The time as the SQLite store writes it (ISO 8601 with an explicit offset).
  const now = new Date().toISOString().replace("Z", "+00:00");
  for (const r of rows) logClear.run(r.id, r.revision + 1, now);
  return rows;
});

parentPort.on("message", ({ seq, rowIds, jobId }) => {
  const t0 = performance.now();
  try {
    // IMMEDIATE: take the write lock at the start rather than upgrading mid-transaction.
    const cleared = clear.immediate(rowIds, jobId);
    parentPort.postMessage({ seq, cleared, ms: performance.now() - t0 });
  } catch (err) {
    parentPort.postMessage({ seq, error: err instanceof Error ? err.message : String(err) });
  }
});
