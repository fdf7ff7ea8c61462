import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KeyInput } from "../../../server/contexts/context-service.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const rowOf = (id: string) => Number(/\d+$/.exec(id)![0]);
const key = (k: string): KeyInput => ({ key: k, contextType: "DATA", contextScope: "PUBLIC", keywords: [] });

async function newContexts(n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await server.linkis<{ contextId: string }>("createContextID", { contextID: {} });
    ids.push(r.data.contextId);
  }
  for (const id of ids) {
    const r = await server.linkis("setValueByKey", {
      contextID: id,
      contextKey: { key: "k", contextType: "DATA", contextScope: "PUBLIC" },
      contextValue: { value: "before" },
    });
    expect(r.http).toBe(200);
  }
  return ids;
}

async function logRevisions(id: string) {
  const rows = await server.app.services.database.prisma.changeLog.findMany({
    where: { contextId: rowOf(id) },
    orderBy: { revision: "asc" },
    select: { revision: true },
  });
  return rows.map((r) => r.revision);
}

/**
 * Writes to several contexts started in one turn of the event loop: they reach the store
 * together, so they share one group (one transaction). The first one is made bad by `spoil`.
 */
async function groupWithOneBadWrite(spoil: (rowId: number, revision: number) => Promise<unknown>) {
  const { contexts, store, database } = server.app.services;
  const ids = await newContexts(4);
  const [bad, ...good] = ids;
  const before = await database.prisma.contextId.findUnique({ where: { id: rowOf(bad!) } });
  await spoil(rowOf(bad!), before!.revision);
  await store.drain();
  const stats = { ...store.commitStats };
  const results = await Promise.allSettled(
    ids.map((id) => contexts.setValue(id, key("k"), { value: "after", keywords: [] })),
  );
  return { bad: bad!, good, results, before: before!, stats };
}

describe("group commit", () => {
  it("a write the database refuses inside a group fails alone; the others of the group commit", async () => {
    const prisma = server.app.services.database.prisma;
    // A change-log row already holds the bad context's next revision: its insert collides.
    const { bad, good, results, before, stats } = await groupWithOneBadWrite((contextId, revision) =>
      prisma.changeLog.create({ data: { contextId, revision: revision + 1, op: "updated" } }),
    );
    const after = server.app.services.store.commitStats;
    // All four went through one group.
    expect(after.groups - stats.groups).toBe(1);
    expect(after.writes - stats.writes).toBe(4);
    expect(after.failed - stats.failed).toBe(1);

    expect(results[0]!.status).toBe("rejected");
    expect(results.slice(1).every((r) => r.status === "fulfilled")).toBe(true);
    // The bad one left database and cache as they were.
    const badRow = await prisma.contextId.findUnique({ where: { id: rowOf(bad) } });
    expect(badRow!.revision).toBe(before.revision);
    const badEntry = await prisma.contextEntry.findFirst({ where: { contextId: rowOf(bad), key: "k" } });
    expect(JSON.parse(badEntry!.valueJson)).toBe("before");
    expect(server.app.services.cache.peek(rowOf(bad))!.get("DATA", "k")!.value).toBe("before");
    // Its neighbours committed, with gap-free revisions and their change-log rows.
    for (const id of good) {
      const entry = await prisma.contextEntry.findFirst({ where: { contextId: rowOf(id), key: "k" } });
      expect(JSON.parse(entry!.valueJson)).toBe("after");
      expect(await logRevisions(id)).toEqual([1, 2, 3]);
      expect((await prisma.contextId.findUnique({ where: { id: rowOf(id) } }))!.revision).toBe(3);
    }
    // The bad context still takes its next write once the obstacle is gone.
    await prisma.changeLog.deleteMany({ where: { contextId: rowOf(bad), revision: before.revision + 1 } });
    const r = await server.linkis("setValueByKey", {
      contextID: bad,
      contextKey: { key: "k", contextType: "DATA", contextScope: "PUBLIC" },
      contextValue: { value: "later" },
    });
    expect(r.http).toBe(200);
    expect(await logRevisions(bad)).toEqual([1, 2, 3]);
  });

  it("a write to a context removed behind the cache's back fails alone (404) in its group", async () => {
    const prisma = server.app.services.database.prisma;
    const { bad, good, results, stats } = await groupWithOneBadWrite((contextId) =>
      prisma.$executeRawUnsafe(`DELETE FROM "context_id" WHERE "id" = ${contextId}`),
    );
    const after = server.app.services.store.commitStats;
    expect(after.groups - stats.groups).toBe(1);
    expect(results[0]).toMatchObject({ status: "rejected", reason: { code: "not_found" } });
    expect(results.slice(1).every((r) => r.status === "fulfilled")).toBe(true);
    expect(await prisma.contextEntry.count({ where: { contextId: rowOf(bad) } })).toBe(0);
    for (const id of good) expect(await logRevisions(id)).toEqual([1, 2, 3]);
  });

  it("commits concurrent writes across contexts in few transactions, in order per context, without gaps", async () => {
    const { contexts, store, database } = server.app.services;
    const ids = await newContexts(40);
    await store.drain();
    const stats = { ...store.commitStats };
    // Five writes per context, all started at once: each context's run in order, interleaved with the others.
    const acks: { id: string; n: number; revision: number }[] = [];
    await Promise.all(
      ids.flatMap((id) =>
        [0, 1, 2, 3, 4].map(async (n) => {
          const entry = await contexts.setValue(id, key(`k${n % 2}`), { value: n, keywords: [`w${n}`] });
          acks.push({ id, n, revision: entry.revision });
        }),
      ),
    );
    const after = store.commitStats;
    expect(after.writes - stats.writes).toBe(200);
    // At most one write per context in a group: five groups at least, and far fewer than 200.
    expect(after.groups - stats.groups).toBeGreaterThanOrEqual(5);
    expect(after.groups - stats.groups).toBeLessThan(200);
    expect(after.largestGroup).toBeGreaterThanOrEqual(40);
    for (const id of ids) {
      const mine = acks.filter((a) => a.id === id);
      expect(mine.map((a) => a.n)).toEqual([0, 1, 2, 3, 4]);
      expect(mine.map((a) => a.revision)).toEqual([3, 4, 5, 6, 7]);
      expect(await logRevisions(id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      const rows = await database.prisma.contextEntry.findMany({
        where: { contextId: rowOf(id) },
        orderBy: { key: "asc" },
      });
      expect(rows.map((r) => [r.key, JSON.parse(r.valueJson), r.revision])).toEqual([
        ["k", "before", 2],
        ["k0", 4, 7],
        ["k1", 3, 6],
      ]);
      const keywords = await database.prisma.contextKeyword.findMany({
        where: { contextId: rowOf(id), entry: { key: "k0" } },
        select: { keyword: true },
      });
      expect(keywords.map((k) => k.keyword).sort()).toEqual(["k0", "w4"]);
    }
  });
});
