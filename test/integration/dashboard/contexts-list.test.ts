import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allPages, createContext, getJson, setValue, type Page } from "../../support/dashboard-api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

type Item = {
  contextId: string;
  user: string;
  application: string | null;
  entryCount: number;
  cached: boolean;
  createTime: string;
  updateTime: string;
  accessTime: string;
  revision: number;
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const db = () => server.app.services.database.prisma;
const rowOf = (id: string) => Number(/\d+$/.exec(id)![0]);

/** Creates n contexts for one user, with create times n minutes apart from `start` (set in the database). */
async function seed(user: string, n: number, start = Date.UTC(2024, 0, 1), fields: Record<string, unknown> = {}) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id, row } = await createContext(server, { user, application: i % 2 ? "odd" : "even", ...fields });
    await db().contextId.update({ where: { id: row }, data: { createTime: new Date(start + i * 60_000) } });
    ids.push(id);
  }
  return ids;
}

describe("GET /api/v1/contexts", () => {
  it("pages through every context once, newest first, with nextCursor null at the end", async () => {
    const ids = await seed("pager", 23);
    const pages = await allPages<Item>(server, "/api/v1/contexts?user=pager&limit=5");
    expect(pages.map((p) => p.items.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    const seen = pages.flatMap((p) => p.items.map((i) => i.contextId));
    expect(seen).toEqual([...ids].reverse());
  });

  it("breaks ties in the sort column by id, so rows with equal times are neither repeated nor skipped", async () => {
    const ids = await seed("ties", 9);
    await db().contextId.updateMany({ where: { user: "ties" }, data: { createTime: new Date(Date.UTC(2023, 5, 1)) } });
    for (const order of ["desc", "asc"]) {
      const seen = (await allPages<Item>(server, `/api/v1/contexts?user=ties&limit=2&order=${order}`)).flatMap((p) =>
        p.items.map((i) => i.contextId),
      );
      expect(seen).toEqual(order === "asc" ? ids : [...ids].reverse());
    }
  });

  it("answers one page when everything fits, and an empty page when nothing matches", async () => {
    await seed("small", 3);
    const { http, body } = await getJson<Page<Item>>(server, "/api/v1/contexts?user=small");
    expect(http).toBe(200);
    expect(body.items).toHaveLength(3);
    expect(body.nextCursor).toBeNull();
    expect((await getJson<Page<Item>>(server, "/api/v1/contexts?user=nobody-at-all")).body).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
      totalIs: "exact",
    });
  });

  it("answers the total on the first page: counted for a filter, for the whole table, for cached sorts", async () => {
    await seed("totals", 7);
    type Totals = Page<Item> & { total?: number; totalIs?: string };
    const first = (await getJson<Totals>(server, "/api/v1/contexts?user=totals&limit=3")).body;
    expect(first).toMatchObject({ total: 7, totalIs: "exact" });
    // Later pages leave it out: the first page's total is the list's.
    const second = (await getJson<Totals>(server, `/api/v1/contexts?user=totals&limit=3&cursor=${first.nextCursor}`))
      .body;
    expect(second.total).toBeUndefined();
    const all = (await getJson<Totals>(server, "/api/v1/contexts?limit=1")).body;
    expect(all.totalIs).toBe("exact"); // far below the size where PostgreSQL's estimate is used
    expect(all.total).toBe(await db().contextId.count());
    const cached = (await getJson<Totals>(server, "/api/v1/contexts?user=totals&sort=bytes")).body;
    expect(cached).toMatchObject({ total: cached.items.length, totalIs: "exact" });
    expect(cached.items.every((i) => typeof (i as { bytes?: number }).bytes === "number")).toBe(true);
    expect(cached.items.every((i) => typeof (i as { accesses?: number }).accesses === "number")).toBe(true);
  });

  it("uses 50 as the default page size", async () => {
    await seed("many", 51);
    const { body } = await getJson<Page<Item>>(server, "/api/v1/contexts?user=many");
    expect(body.items).toHaveLength(50);
    expect(body.nextCursor).toEqual(expect.any(String));
  });

  it("shows each context's fields, entry count and whether it is cached", async () => {
    const { id, row } = await createContext(server, {
      user: "shown",
      application: "dss",
      source: "flow-7",
      expireType: "TODAY",
    });
    for (const key of ["a", "b"]) await setValue(server, id, { key, contextType: "DATA" }, { value: key });
    await setValue(server, id, { key: "c", contextType: "ENV" }, { value: 1 });
    const [item] = (await getJson<Page<Item>>(server, "/api/v1/contexts?user=shown")).body.items;
    expect(item).toMatchObject({
      contextId: id,
      user: "shown",
      application: "dss",
      source: "flow-7",
      expireType: "TODAY",
      expireTime: expect.any(String),
      entryCount: 3,
      revision: 4,
      cached: true,
    });
    for (const t of ["createTime", "updateTime", "accessTime"] as const)
      expect(new Date(item![t]).toISOString()).toBe(item![t]);
    server.app.services.cache.delete(row);
    const [after] = (await getJson<Page<Item>>(server, "/api/v1/contexts?user=shown")).body.items;
    expect(after).toMatchObject({ contextId: id, entryCount: 3, cached: false });
  });

  it("filters by user and application together", async () => {
    const ids = await seed("filtered", 6);
    const { body } = await getJson<Page<Item>>(server, "/api/v1/contexts?user=filtered&application=odd");
    expect(body.items.map((i) => i.contextId)).toEqual([ids[5], ids[3], ids[1]]);
    expect(body.items.every((i) => i.user === "filtered" && i.application === "odd")).toBe(true);
  });

  it("matches part of the user and application, ignoring case", async () => {
    const [mixed] = await seed("Partial.Match_User", 1, Date.UTC(2024, 0, 1), { application: "OrdersPipeline" });
    const [other] = await seed("partial_other", 1, Date.UTC(2024, 0, 1), { application: "billing" });
    const users = async (query: string) =>
      (await getJson<Page<Item>>(server, `/api/v1/contexts?${query}`)).body.items.map((i) => i.contextId);
    expect(await users("user=match_user")).toEqual([mixed]);
    expect(await users("user=PARTIAL")).toEqual(expect.arrayContaining([mixed, other]));
    expect(await users("user=partial&application=pipeline")).toEqual([mixed]);
    // LIKE's wildcards are taken literally: "_" is not any character.
    expect(await users("user=partial_match")).toEqual([]);
  });

  it("filters by create time range, inclusive, in ISO 8601 or yyyy-MM-dd HH:mm:ss (server local time)", async () => {
    const start = new Date(2022, 2, 3, 10, 0, 0).getTime(); // local time, as Linkis dates are
    const ids = await seed("ranged", 6, start);
    const iso = (
      await getJson<Page<Item>>(
        server,
        `/api/v1/contexts?user=ranged&createdFrom=${new Date(start + 60_000).toISOString()}&createdTo=${new Date(start + 3 * 60_000).toISOString()}`,
      )
    ).body;
    expect(iso.items.map((i) => i.contextId)).toEqual([ids[3], ids[2], ids[1]]);
    const linkis = (
      await getJson<Page<Item>>(
        server,
        `/api/v1/contexts?user=ranged&createdFrom=${encodeURIComponent("2022-03-03 10:04:00")}`,
      )
    ).body;
    expect(linkis.items.map((i) => i.contextId)).toEqual([ids[5], ids[4]]);
    const upTo = (
      await getJson<Page<Item>>(
        server,
        `/api/v1/contexts?user=ranged&createdTo=${encodeURIComponent("2022-03-03 10:00:00")}`,
      )
    ).body;
    expect(upTo.items.map((i) => i.contextId)).toEqual([ids[0]]);
  });

  it("filters by update and access time ranges", async () => {
    const ids = await seed("touched", 3);
    const old = new Date(Date.UTC(2021, 0, 1));
    await db().contextId.update({ where: { id: rowOf(ids[0]!) }, data: { updateTime: old, accessTime: old } });
    const updated = (await getJson<Page<Item>>(server, "/api/v1/contexts?user=touched&updatedTo=2021-06-01T00:00:00Z"))
      .body;
    expect(updated.items.map((i) => i.contextId)).toEqual([ids[0]]);
    const accessed = (
      await getJson<Page<Item>>(server, "/api/v1/contexts?user=touched&accessedFrom=2021-06-01T00:00:00Z")
    ).body;
    expect(accessed.items.map((i) => i.contextId).sort()).toEqual([ids[1], ids[2]].sort());
  });

  it("sorts by update and access time, either way, paging with the same order", async () => {
    const ids = await seed("sorted", 7);
    // Update times in an order unlike the create order; two rows share one time.
    const updates = [3, 1, 6, 0, 5, 2, 4];
    for (const [rank, index] of updates.entries()) {
      const time = new Date(Date.UTC(2025, 0, 1, 0, Math.min(rank, 5)));
      await db().contextId.update({
        where: { id: rowOf(ids[index]!) },
        data: { updateTime: time, accessTime: new Date(time.getTime() + (6 - rank) * 1000) },
      });
    }
    const byUpdateAsc = (
      await allPages<Item>(server, "/api/v1/contexts?user=sorted&sort=updateTime&order=asc&limit=3")
    ).flatMap((p) => p.items);
    expect(byUpdateAsc.map((i) => i.contextId)).toEqual(
      [3, 1, 6, 0, 5, ...[2, 4].sort((a, b) => rowOf(ids[a]!) - rowOf(ids[b]!))].map((i) => ids[i]),
    );
    const byAccessDesc = (await allPages<Item>(server, "/api/v1/contexts?user=sorted&sort=accessTime&limit=2")).flatMap(
      (p) => p.items,
    );
    const accessTimes = byAccessDesc.map((i) => i.accessTime);
    expect(accessTimes).toEqual([...accessTimes].sort().reverse());
    expect(new Set(byAccessDesc.map((i) => i.contextId)).size).toBe(7);
  });

  it("answers 400 naming the parameter for a bad limit, sort, order, time or cursor", async () => {
    const { body: first } = await getJson<Page<Item>>(server, "/api/v1/contexts?limit=1");
    const cases: [string, RegExp][] = [
      ["limit=0", /limit/],
      ["limit=501", /limit/],
      ["limit=ten", /limit/],
      ["sort=bytes-ish", /sort/],
      ["order=sideways", /order/],
      ["createdFrom=yesterday", /createdFrom/],
      ["accessedTo=2026-02-30%2010:00:00", /accessedTo/],
      ["cursor=not-a-cursor", /cursor/],
      [`cursor=${first.nextCursor}&sort=updateTime`, /cursor/],
    ];
    for (const [query, field] of cases) {
      const { http, body } = await getJson<{ status: number; message: string }>(server, `/api/v1/contexts?${query}`);
      expect(http, query).toBe(400);
      expect(body.status).toBe(2);
      expect(body.message, query).toMatch(field);
    }
  });

  it("lets a viewer read, and refuses a caller without a token (401)", async () => {
    expect((await getJson(server, "/api/v1/contexts?limit=1", server.viewerToken)).http).toBe(200);
    const anonymous = await getJson<{ message: string }>(server, "/api/v1/contexts", null);
    expect(anonymous.http).toBe(401);
    expect(anonymous.body.message).toMatch(/Bearer/);
  });
});

describe("sorting by cache metrics", () => {
  it("lists cached contexts by estimated bytes or accesses, paged, and only cached ones", async () => {
    const small = await createContext(server, { user: "metric-sort" });
    const big = await createContext(server, { user: "metric-sort" });
    const evicted = await createContext(server, { user: "metric-sort" });
    await setValue(server, small.id, { key: "s", contextType: "DATA" }, { value: "x" });
    await setValue(server, big.id, { key: "b", contextType: "DATA" }, { value: "y".repeat(50_000) });
    for (let i = 0; i < 5; i++)
      await server.linkis("getContextValue", { contextID: small.id, contextKey: { key: "s", contextType: "DATA" } });
    server.app.services.cache.delete(evicted.row);

    const bytes = (await getJson<Page<Item>>(server, "/api/v1/contexts?user=metric-sort&sort=bytes")).body;
    expect(bytes.items.map((i) => i.contextId)).toEqual([big.id, small.id]);
    const accesses = (await getJson<Page<Item>>(server, "/api/v1/contexts?user=metric-sort&sort=accesses&limit=1"))
      .body;
    expect(accesses.items.map((i) => i.contextId)).toEqual([small.id]);
    const next = (
      await getJson<Page<Item>>(
        server,
        `/api/v1/contexts?user=metric-sort&sort=accesses&limit=1&cursor=${accesses.nextCursor}`,
      )
    ).body;
    expect(next.items.map((i) => i.contextId)).toEqual([big.id]);
    expect(next.nextCursor).toBeNull();
  });
});
