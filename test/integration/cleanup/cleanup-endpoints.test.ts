import { describe, expect, it } from "vitest";
import { connectEvents, waitUntil } from "../../support/live.ts";
import { withTestServer } from "../../support/with-test-server.ts";

const harness = withTestServer();

const rowOf = (id: string) => Number(/\d+$/.exec(id)![0]);
const db = () => harness.server.app.services.database.prisma;

/** Creates contexts with a value, history and a listener binding each, then backdates their create time. */
async function seed(n: number, createTime: Date) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = await harness.client.createContext({ user: "old" });
    await harness.client.setValue(
      id,
      { key: "k", contextType: "DATA", contextScope: "PUBLIC", keywords: ["kw"] },
      { value: i },
    );
    await harness.client.call("createHistory", {
      contextID: id,
      contextHistory: { source: "s", contextType: "DATA", keyword: "h", historyJson: "{}" },
    });
    await harness.client.bindIdListener(id, `listener-${i % 2}`);
    ids.push(id);
  }
  await db().contextId.updateMany({ where: { id: { in: ids.map(rowOf) } }, data: { createTime } });
  return ids;
}

const search = (query: string, token?: string | null) =>
  harness.server.request(`/api/rest_j/v1/contextservice/searchContextIDByTime?${query}`, { token });

describe("searchContextIDByTime", () => {
  it("finds ids by time range, oldest create time first, paged, with the total", async () => {
    const ids = await seed(5, new Date("2020-01-01T00:00:00Z"));
    const res = await search(
      "createTimeStart=2019-12-31 00:00:00&createTimeEnd=2020-01-02T00:00:00Z&pageNow=1&pageSize=3",
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ method: "/api/contextservice/searchContextIDByTime", status: 0 });
    expect(body.data.total).toBe(5);
    expect(body.data.contextIDs).toEqual(ids.slice(0, 3));
    const page2 = await (
      await search("createTimeStart=2019-12-31 00:00:00&createTimeEnd=2020-01-02T00:00:00Z&pageNow=2&pageSize=3")
    ).json();
    expect(page2.data.contextIDs).toEqual(ids.slice(3));
  });

  it("requires a bound, caps the page size at 5000, and names a bad date", async () => {
    const none = await search("pageNow=1");
    expect(none.status).toBe(400);
    expect((await none.json()).message).toMatch(/at least one time bound/);
    const capped = await (await search("updateTimeStart=2000-01-01 00:00:00&pageSize=99999")).json();
    expect(capped.status).toBe(0);
    const bad = await search("accessTimeEnd=2026-02-30 00:00:00");
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/accessTimeEnd/);
    const reversed = await search("createTimeStart=2026-01-02 00:00:00&createTimeEnd=2026-01-01 00:00:00");
    expect((await reversed.json()).message).toMatch(/createTimeStart: is after createTimeEnd/);
  });

  it("is admin only: a viewer gets 403 status 3, no token gets 401", async () => {
    const viewer = await search("createTimeStart=2000-01-01 00:00:00", harness.server.viewerToken);
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toMatchObject({ status: 3, message: expect.stringMatching(/admin/) });
    expect((await search("createTimeStart=2000-01-01 00:00:00", null)).status).toBe(401);
    for (const name of ["clearAllContextByID", "clearAllContextByTime"]) {
      const r = await harness.server.linkis(
        name,
        { idList: ["8-8--cs_1_devcs_1_dev1"], createTimeStart: "2000-01-01 00:00:00" },
        harness.server.viewerToken,
      );
      expect(r).toMatchObject({ http: 403, status: 3 });
    }
  });

  it("uses the time indexes (EXPLAIN)", async () => {
    for (const column of ["createTime", "updateTime", "accessTime"]) {
      const plan = await explain(column);
      expect(plan, column).toMatch(new RegExp(`context_id_${column}_idx`));
    }
  });
});

async function explain(column: string): Promise<string> {
  const since = new Date("2020-01-01T00:00:00Z");
  if (harness.server.database.provider === "sqlite") {
    const rows = await db().$queryRawUnsafe<{ detail: string }[]>(
      `EXPLAIN QUERY PLAN SELECT "id" FROM "context_id" WHERE "${column}" >= ? ORDER BY "${column}"`,
      since.toISOString(),
    );
    return rows.map((r) => r.detail).join("\n");
  }
  // On a small table PostgreSQL prefers a sequential scan; forbid it to see that the index serves.
  return db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN SELECT "id" FROM "context_id" WHERE "${column}" >= $1`,
      since,
    );
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe("clearAllContextByID", () => {
  it("removes entries, keywords, history, bindings, change log (but for the clear itself) and cache entry, notifies listeners, answers num as a string", async () => {
    const ids = await seed(3, new Date("2021-01-01T00:00:00Z"));
    const [gone1, gone2, kept] = ids as [string, string, string];
    const live = await connectEvents(harness.server.baseUrl, harness.server.adminToken);
    await live.socket.emitWithAck("subscribe", {
      filter: { contextIds: [gone1, gone2, kept], ops: ["context-cleared"] },
    });
    expect(harness.server.app.services.cache.has(rowOf(gone1))).toBe(true);

    const r = await harness.server.linkis("clearAllContextByID", {
      idList: [gone1, gone2, "8-8--cs_1_devcs_1_dev987654"],
    });
    expect(r).toMatchObject({ http: 200, status: 0, data: { num: "2" } });
    for (const id of [gone1, gone2]) {
      const where = { contextId: rowOf(id) };
      expect(await db().contextId.count({ where: { id: rowOf(id) } })).toBe(0);
      for (const table of ["contextEntry", "contextKeyword", "contextHistory", "idListenerBinding"] as const) {
        expect(
          await (db()[table] as unknown as { count(a: unknown): Promise<number> }).count({ where }),
          `${table} of ${id}`,
        ).toBe(0);
      }
      // What is left of its log is the clear, for cluster nodes that missed it on Redis.
      expect(await db().changeLog.findMany({ where, select: { op: true } }), `changeLog of ${id}`).toEqual([
        { op: "context-cleared" },
      ]);
      expect(harness.server.app.services.cache.has(rowOf(id))).toBe(false);
      expect(
        (
          await harness.server.linkis("getContextValue", {
            contextID: id,
            contextKey: { key: "k", contextType: "DATA" },
          })
        ).http,
      ).toBe(404);
    }
    expect(await harness.client.getValue(kept, { key: "k", contextType: "DATA" })).toMatchObject({ value: 2 });
    await waitUntil(() => live.received.events.length === 2, "two context-cleared events");
    expect(live.received.events.map((e) => [e.contextId, e.op])).toEqual([
      [gone1, "context-cleared"],
      [gone2, "context-cleared"],
    ]);
    live.socket.close();
    expect(
      (await harness.server.app.services.heartbeats.describe()).find((c) => c.source === "listener-0")?.idBindings,
    ).toBeGreaterThanOrEqual(1);
  });

  it("clears more ids than SQLite binds in one query", async () => {
    const t = new Date("2014-01-01T00:00:00Z");
    await db().contextId.createMany({
      data: Array.from({ length: 1200 }, () => ({
        instance: "cs_1_dev",
        backupInstance: "cs_1_dev",
        createTime: t,
        updateTime: t,
        accessTime: t,
      })),
    });
    const rows = await db().contextId.findMany({ where: { createTime: t }, select: { id: true } });
    const r = await harness.server.linkis("clearAllContextByID", {
      idList: rows.map((row) => `8-8--cs_1_devcs_1_dev${row.id}`),
    });
    expect(r).toMatchObject({ http: 200, data: { num: "1200" } });
    expect(await db().contextId.count({ where: { createTime: t } })).toBe(0);
  });

  it("takes 1..5000 ids: none or more is a 400", async () => {
    expect((await harness.server.linkis("clearAllContextByID", { idList: [] })).http).toBe(400);
    const tooMany = await harness.server.linkis("clearAllContextByID", {
      idList: Array.from({ length: 5001 }, (_, i) => `8-8--cs_1_devcs_1_dev${i + 1}`),
    });
    expect(tooMany).toMatchObject({ http: 400, status: 2 });
    expect(tooMany.message).toMatch(/idList.*5000/);
    expect((await harness.server.linkis("clearAllContextByID", { idList: ["garbage"] })).message).toMatch(/idList\.0/);
  });
});

describe("clearAllContextByTime", () => {
  it("dry run answers the count and a sample without deleting, then the clear removes exactly those", async () => {
    const old = await seed(4, new Date("2018-06-01T00:00:00Z"));
    const recent = await harness.client.createContext();
    const criteria = { createTimeStart: "2018-01-01 00:00:00", createTimeEnd: "2018-12-31 23:59:59" };
    const dry = await harness.server.linkis<{ num: string; dryRun: boolean; contextIDs: string[] }>(
      "clearAllContextByTime",
      { ...criteria, dryRun: true },
    );
    expect(dry.data).toEqual({ num: "4", dryRun: true, contextIDs: old });
    expect(await db().contextId.count({ where: { id: { in: old.map(rowOf) } } })).toBe(4);

    const r = await harness.server.linkis("clearAllContextByTime", criteria);
    expect(r).toMatchObject({ http: 200, data: { num: "4" } });
    expect(await db().contextId.count({ where: { id: { in: old.map(rowOf) } } })).toBe(0);
    expect((await harness.client.getContext(recent)).contextId).toBe(recent);
  });

  it("requires a bound and names bad dates", async () => {
    expect((await harness.server.linkis("clearAllContextByTime", {})).message).toMatch(/at least one time bound/);
    const bad = await harness.server.linkis("clearAllContextByTime", { updateTimeEnd: "tomorrow" });
    expect(bad).toMatchObject({ http: 400 });
    expect(bad.message).toMatch(/updateTimeEnd/);
  });

  it("refuses a second clear over overlapping criteria while one runs, and allows a disjoint one", async () => {
    // Enough contexts that the first clear runs for a while (thousands of rows, not milliseconds).
    const t = new Date("2017-03-01T00:00:00Z");
    const many = Array.from({ length: 20_000 }, () => ({
      instance: "cs_1_dev",
      backupInstance: "cs_1_dev",
      createTime: t,
      updateTime: t,
      accessTime: t,
    }));
    for (let i = 0; i < many.length; i += 2000) await db().contextId.createMany({ data: many.slice(i, i + 2000) });
    // The inserts above hold the loop (SQLite is synchronous) past the server's keep-alive timeout
    // on a busy machine: let it close the idle connection before the client reuses it (ECONNRESET).
    await new Promise((r) => setTimeout(r, 200));
    await seed(2, new Date("2016-03-01T00:00:00Z"));
    const cleaner = harness.server.app.services.cleaner;
    const { done } = await cleaner.start("admin", "clearAllContextByTime", {
      kind: "time",
      criteria: { createTimeStart: new Date("2017-01-01"), createTimeEnd: new Date("2017-12-31") },
    });
    const overlapping = await harness.server.linkis("clearAllContextByTime", {
      createTimeStart: "2017-02-01 00:00:00",
    });
    expect(overlapping).toMatchObject({ http: 409, status: 2 });
    expect(overlapping.message).toMatch(/already running \(job \d+/);
    const disjoint = await harness.server.linkis("clearAllContextByTime", {
      createTimeStart: "2016-01-01 00:00:00",
      createTimeEnd: "2016-12-31 00:00:00",
    });
    expect(disjoint).toMatchObject({ http: 200, data: { num: "2" } });
    expect((await done).processed).toBe(20_000);
  });

  it("writes every search and clear to the audit log, listed for admins only", async () => {
    await search("createTimeStart=2000-01-01 00:00:00");
    await harness.server.linkis("clearAllContextByTime", { createTimeEnd: "1990-01-01 00:00:00" });
    const res = await harness.server.request("/api/v1/audit?limit=5");
    const { items } = await res.json();
    expect(items[0]).toMatchObject({
      actor: "admin",
      action: "clearAllContextByTime",
      outcome: "ok",
      count: 0,
      criteria: { kind: "time", criteria: { createTimeEnd: new Date(1990, 0, 1).toISOString() } },
    });
    expect(items[1]).toMatchObject({ actor: "admin", action: "searchContextIDByTime", outcome: "ok" });
    expect(typeof items[0].durationMs).toBe("number");
    expect((await harness.server.request("/api/v1/audit", { token: harness.server.viewerToken })).status).toBe(403);
  });
});

describe("retention sweep", () => {
  it("removes contexts whose expire time has passed, audited as retention", async () => {
    const expired = await harness.client.createContext({
      expireType: "MAX_EXISTS_TIME",
      expireTime: "2001-01-01 00:00:00",
    });
    const alive = await harness.client.createContext({
      expireType: "MAX_EXISTS_TIME",
      expireTime: "2999-01-01 00:00:00",
    });
    const forever = await harness.client.createContext();
    expect(await harness.server.app.services.retention.sweep()).toBeGreaterThanOrEqual(1);
    expect(await db().contextId.count({ where: { id: rowOf(expired) } })).toBe(0);
    expect(await db().contextId.count({ where: { id: { in: [rowOf(alive), rowOf(forever)] } } })).toBe(2);
    const { items } = await (await harness.server.request("/api/v1/audit?limit=1")).json();
    expect(items[0]).toMatchObject({ actor: "retention", action: "retention-sweep", outcome: "ok" });
  });
});
