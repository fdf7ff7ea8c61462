import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const rowOf = (id: string) => Number(/\d+$/.exec(id)![0]);

describe("consistency under concurrency", () => {
  it("gives every committed change of a context the next revision, with no gaps, under concurrent writers", async () => {
    const id = (await server.linkis<{ contextId: string }>("createContextID", { contextID: {} })).data.contextId;
    const writes = Array.from({ length: 60 }, (_, i) =>
      i % 5 === 4
        ? server.linkis("removeValue", { contextID: id, contextKey: { key: `k${i % 7}`, contextType: "DATA" } })
        : server.linkis("setValueByKey", {
            contextID: id,
            contextKey: { key: `k${i % 7}`, contextType: "DATA", contextScope: "PUBLIC" },
            contextValue: { value: i },
          }),
    );
    const results = await Promise.all(writes);
    expect(results.every((r) => r.http === 200)).toBe(true);
    const db = server.app.services.database.prisma;
    const log = await db.changeLog.findMany({ where: { contextId: rowOf(id) }, orderBy: { revision: "asc" } });
    expect(log.map((l) => l.revision)).toEqual(log.map((_, i) => i + 1));
    const row = await db.contextId.findUnique({ where: { id: rowOf(id) } });
    expect(row!.revision).toBe(log.length);
    // The cache agrees with the database, entry by entry.
    const entries = await db.contextEntry.findMany({ where: { contextId: rowOf(id) } });
    const cached = server.app.services.cache.peek(rowOf(id))!;
    expect(cached.kv.size).toBe(entries.length);
    for (const e of entries) expect(cached.get("DATA", e.key)?.value).toEqual(JSON.parse(e.valueJson));
  });

  it("loads a missing context once for many concurrent readers", async () => {
    const id = (await server.linkis<{ contextId: string }>("createContextID", { contextID: {} })).data.contextId;
    await server.linkis("setValueByKey", {
      contextID: id,
      contextKey: { key: "a", contextType: "DATA", contextScope: "PUBLIC" },
      contextValue: { value: 1 },
    });
    const { cache, contexts } = server.app.services;
    contexts.invalidate(rowOf(id));
    const loadsBefore = cache.stats().loads;
    const reads = await Promise.all(
      Array.from({ length: 25 }, () =>
        server.linkis<{ contextValue: { value: number } }>("getContextValue", {
          contextID: id,
          contextKey: { key: "a", contextType: "DATA" },
        }),
      ),
    );
    expect(reads.every((r) => r.data.contextValue.value === 1)).toBe(true);
    expect(cache.stats().loads - loadsBefore).toBe(1);
  });
});
