import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createToken } from "../../../server/auth/tokens.ts";
import { createUser } from "../../../server/auth/users.ts";
import { openDatabase, type Database } from "../../../server/persistence/database.ts";
import { waitUntil } from "../../support/live.ts";
import { spawnServer, waitForListening, type ServerProcess } from "../../support/spawn-server.ts";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.ts";

let testDb: TestDatabase;
let proc: ServerProcess | undefined;
beforeEach(async () => {
  testDb = await createTestDatabase();
});
afterEach(async () => {
  if (proc && proc.child.exitCode === null) proc.child.kill("SIGKILL");
  await proc?.exited;
  await testDb.drop();
});

const env = () => ({
  PORT: "0",
  HOST: "127.0.0.1",
  DATA_DIR: testDb.dataDir,
  DATABASE_URL: testDb.url,
  ADMIN_PASSWORD: "admin-password-123",
  AUTH_SECRET: "y".repeat(40),
});
const OLD = new Date("2015-05-05T00:00:00Z");
const CONTEXTS = 20_000;

async function withDb<T>(work: (db: Database["prisma"]) => Promise<T>): Promise<T> {
  const database = await openDatabase(testDb.url);
  try {
    return await work(database.prisma);
  } finally {
    await database.close();
  }
}

describe("a clear interrupted by a crash", () => {
  it("leaves every context fully present or fully gone, and finishes after restart", async () => {
    const token = await withDb(async (db) => {
      const rows = Array.from({ length: CONTEXTS }, () => ({
        instance: "cs_1_dev",
        backupInstance: "cs_1_dev",
        createTime: OLD,
        updateTime: OLD,
        accessTime: OLD,
        revision: 2,
      }));
      for (let i = 0; i < rows.length; i += 2000) await db.contextId.createMany({ data: rows.slice(i, i + 2000) });
      const ids = (await db.contextId.findMany({ select: { id: true } })).map((r) => r.id);
      const entries = ids.flatMap((contextId) =>
        ["a", "b"].map((key) => ({
          contextId,
          key,
          contextType: "DATA",
          contextScope: "PUBLIC",
          valueJson: '"v"',
          revision: 2,
          createTime: OLD,
          updateTime: OLD,
          accessTime: OLD,
        })),
      );
      for (let i = 0; i < entries.length; i += 2000)
        await db.contextEntry.createMany({ data: entries.slice(i, i + 2000) });
      const history = ids.map((contextId) => ({
        contextId,
        source: "s",
        contextType: "DATA",
        historyJson: "{}",
        createTime: OLD,
        updateTime: OLD,
        accessTime: OLD,
      }));
      for (let i = 0; i < history.length; i += 2000)
        await db.contextHistory.createMany({ data: history.slice(i, i + 2000) });
      // The admin (normally made at first start) is made here so its token exists before the server does.
      await createUser(db, "admin", "admin", "admin-password-123");
      return createToken(db, "admin");
    });

    proc = spawnServer(env());
    let base = await waitForListening(proc);
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const started = await fetch(`${base}/api/v1/cleanup/jobs`, {
      method: "POST",
      headers,
      body: JSON.stringify({ createTimeEnd: "2016-01-01 00:00:00" }),
    });
    expect(started.status).toBe(200);
    const { job } = await started.json();
    expect(job.total).toBe(CONTEXTS);
    // Kill it mid-way: after some batches committed, before the last.
    for (;;) {
      const row = await withDb((db) => db.clearJob.findUnique({ where: { id: job.id } }));
      if (row!.processed > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    proc.child.kill("SIGKILL");
    await proc.exited;

    const midway = await withDb(async (db) => {
      const remaining = await db.contextId.count();
      const entries = await db.contextEntry.count();
      const histories = await db.contextHistory.count();
      const job = await db.clearJob.findFirst();
      return { remaining, entries, histories, job };
    });
    expect(midway.job!.status).toBe("running");
    expect(midway.remaining).toBeGreaterThan(0);
    expect(midway.remaining).toBeLessThan(CONTEXTS);
    // Nothing half-deleted: every remaining context still has both entries and its history.
    expect(midway.entries).toBe(midway.remaining * 2);
    expect(midway.histories).toBe(midway.remaining);

    proc = spawnServer(env());
    base = await waitForListening(proc);
    await waitUntil(() => /resuming job/.test(proc!.output()), "the resume message");
    let finished: { status: string; processed: number } | null = null;
    for (let i = 0; i < 600 && finished?.status !== "done"; i++) {
      const { items } = await (await fetch(`${base}/api/v1/cleanup/jobs`, { headers })).json();
      finished = items.find((j: { id: number }) => j.id === job.id);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(finished).toMatchObject({ status: "done", processed: CONTEXTS });
    const after = await withDb(async (db) => ({
      contexts: await db.contextId.count(),
      entries: await db.contextEntry.count(),
      audit: await db.auditLog.findMany(),
    }));
    expect(after).toMatchObject({ contexts: 0, entries: 0 });
    expect(after.audit.at(-1)).toMatchObject({ action: "clearAllContextByTime", outcome: "ok", count: CONTEXTS });
  }, 300_000);
});
