import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allPages, createContext, getJson, setValue, type Page } from "../../support/dashboard-api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

type Hit = {
  contextId: string;
  key: string;
  contextType: string;
  contextScope: string;
  keywords: string[];
  valueType: string | null;
  preview: string;
};

let server: TestServer;
let first: string;
let second: string;
beforeAll(async () => {
  server = await startTestServer();
  first = (await createContext(server, { user: "etl" })).id;
  second = (await createContext(server, { user: "bi" })).id;
  await setValue(
    server,
    first,
    { key: "orders", contextType: "METADATA", keywords: ["sales"] },
    { value: { name: "orders_t", location: "/warehouse/orders" }, valueType: "CSTable", keywords: ["q3"] },
  );
  await setValue(
    server,
    first,
    { key: "run_date", contextType: "ENV", contextScope: "PRIVATE" },
    { value: "2024-01-01", keywords: "sales,daily" },
  );
  await setValue(
    server,
    second,
    { key: "orders", contextType: "DATA", contextScope: "PROTECTED" },
    { value: [1, 2, 3] },
  );
  await setValue(
    server,
    second,
    { key: "customers", contextType: "METADATA" },
    { value: { name: "customers_t", location: "/warehouse/customers" }, valueType: "CSTable" },
  );
});
afterAll(() => server.stop());

const search = async (query: string) => {
  const { http, body } = await getJson<Page<Hit>>(server, `/api/v1/search?${query}`);
  expect(http, JSON.stringify(body)).toBe(200);
  return body;
};
const where = (hits: Hit[]) =>
  hits
    .map(
      (h) =>
        `${h.contextId === first ? "first" : h.contextId === second ? "second" : h.contextId}:${h.contextType}/${h.key}`,
    )
    .sort();

describe("GET /api/v1/search", () => {
  it("finds entries of every context by their key", async () => {
    const { items, nextCursor } = await search("q=orders");
    expect(where(items)).toEqual(["first:METADATA/orders", "second:DATA/orders"]);
    expect(nextCursor).toBeNull();
    const hit = items.find((h) => h.contextId === second)!;
    expect(hit).toMatchObject({ contextScope: "PROTECTED", valueType: null, keywords: ["orders"] });
    expect(JSON.parse(hit.preview)).toEqual([1, 2, 3]);
  });

  it("finds entries by the keywords their writer gave, on the key or the value, as a list or comma-separated", async () => {
    expect(where((await search("q=sales")).items)).toEqual(["first:ENV/run_date", "first:METADATA/orders"]);
    expect(where((await search("q=q3")).items)).toEqual(["first:METADATA/orders"]);
    expect(where((await search("q=daily")).items)).toEqual(["first:ENV/run_date"]);
  });

  it("finds entries by keywords the rules derive from the value (CSTable: name, location)", async () => {
    expect(where((await search("q=orders_t")).items)).toEqual(["first:METADATA/orders"]);
    expect(where((await search(`q=${encodeURIComponent("/warehouse/customers")}`)).items)).toEqual([
      "second:METADATA/customers",
    ]);
    const [hit] = (await search("q=customers_t")).items;
    expect(hit).toMatchObject({ valueType: "CSTable", contextScope: "PUBLIC" });
    expect(hit!.keywords).toEqual(expect.arrayContaining(["customers", "customers_t", "/warehouse/customers"]));
  });

  it("matches keywords exactly, not as substrings", async () => {
    expect((await search("q=order")).items).toEqual([]);
    expect((await search("q=ORDERS")).items).toEqual([]);
  });

  it("filters by type, scope and context", async () => {
    expect(where((await search("q=orders&type=DATA")).items)).toEqual(["second:DATA/orders"]);
    expect(where((await search("q=sales&scope=PRIVATE")).items)).toEqual(["first:ENV/run_date"]);
    expect(where((await search(`q=orders&contextId=${first}`)).items)).toEqual(["first:METADATA/orders"]);
    expect((await search("q=orders&type=UDF")).items).toEqual([]);
  });

  it("pages through many hits once each, with nextCursor null at the end", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { id } = await createContext(server);
      ids.push(id);
      await setValue(
        server,
        id,
        { key: `table_${i}`, contextType: i % 2 ? "DATA" : "METADATA", keywords: ["paged"] },
        { value: i },
      );
    }
    const pages = await allPages<Hit>(server, "/api/v1/search?q=paged&limit=3");
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    const hits = pages.flatMap((p) => p.items);
    expect(hits.map((h) => h.contextType)).toEqual([
      "DATA",
      "DATA",
      "DATA",
      "METADATA",
      "METADATA",
      "METADATA",
      "METADATA",
    ]);
    expect(hits.map((h) => h.contextId).sort()).toEqual([...ids].sort());
  });

  it("answers 400 without q, or with a bad type, scope, context id or cursor", async () => {
    for (const [query, field] of [
      ["", /q/],
      ["q=", /q/],
      ["q=x&type=TABLE", /type/],
      ["q=x&scope=SECRET", /scope/],
      ["q=x&contextId=nope", /contextId/],
      ["q=x&cursor=abc", /cursor/],
    ] as const) {
      const { http, body } = await getJson<{ status: number; message: string }>(server, `/api/v1/search?${query}`);
      expect(http, query).toBe(400);
      expect(body.message, query).toMatch(field);
    }
  });

  it("finds keys and keywords by substring or prefix, ignoring case", async () => {
    expect(where((await search("q=orde&match=contains")).items)).toEqual([
      "first:METADATA/orders",
      "second:DATA/orders",
    ]);
    expect(where((await search("q=ORDERS&match=contains")).items)).toEqual([
      "first:METADATA/orders",
      "second:DATA/orders",
    ]);
    // rules-derived keywords too (orders_t, /warehouse/orders)
    expect(where((await search("q=HOUSE%2FORD&match=contains")).items)).toEqual(["first:METADATA/orders"]);
    expect(where((await search("q=Cust&match=prefix")).items)).toEqual(["second:METADATA/customers"]);
    // "tomers" is inside "customers", not at its start
    expect((await search("q=tomers&match=prefix")).items).toEqual([]);
    expect(where((await search("q=tomers&match=contains")).items)).toEqual(["second:METADATA/customers"]);
  });

  it("matches within one keyword, never across two, and takes quotes and wildcards literally", async () => {
    // first's orders entry has the keywords ["orders", "sales", "q3", ...]: their JSON text holds 's","s'.
    expect((await search(`q=${encodeURIComponent('s","s')}&match=contains`)).items).toEqual([]);
    expect((await search("q=or%25rs&match=contains")).items).toEqual([]);
    expect((await search("q=ord_rs&match=contains")).items).toEqual([]);
    const { id } = await createContext(server);
    await setValue(server, id, { key: 'say "100%_sure"', contextType: "ENV" }, { value: 1 });
    expect((await search(`q=${encodeURIComponent('"100%_s')}&match=contains`)).items.map((h) => h.contextId)).toEqual([
      id,
    ]);
  });

  it("filters substring hits by type, scope and context, and pages through them once each", async () => {
    expect(where((await search("q=rders&match=contains&type=DATA")).items)).toEqual(["second:DATA/orders"]);
    expect(where((await search("q=SALE&match=contains&scope=PRIVATE")).items)).toEqual(["first:ENV/run_date"]);
    expect(where((await search(`q=rders&match=contains&contextId=${second}`)).items)).toEqual(["second:DATA/orders"]);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { id } = await createContext(server);
      ids.push(id);
      await setValue(server, id, { key: `Substring_Paged_${i}`, contextType: "DATA" }, { value: i });
    }
    const pages = await allPages<Hit>(server, "/api/v1/search?q=string_paged&match=contains&limit=2");
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.items.map((h) => h.contextId))).toEqual(ids);
  });

  it("follows writes: an updated keyword is found by its new text only, a removed entry not at all", async () => {
    const { id } = await createContext(server);
    await setValue(server, id, { key: "mutable", contextType: "DATA", keywords: ["BeforeEdit"] }, { value: 1 });
    expect((await search("q=foreed&match=contains")).items).toHaveLength(1);
    await setValue(server, id, { key: "mutable", contextType: "DATA", keywords: ["AfterEdit"] }, { value: 2 });
    expect((await search("q=foreed&match=contains")).items).toEqual([]);
    expect((await search("q=fteredi&match=contains")).items).toHaveLength(1);
    const removed = await server.linkis("removeValue", {
      contextID: id,
      contextKey: { key: "mutable", contextType: "DATA", contextScope: "PUBLIC" },
    });
    expect(removed.http).toBe(200);
    expect((await search("q=fteredi&match=contains")).items).toEqual([]);
  });

  it("answers 400 for a substring shorter than the index can look up, a bad match, or another match's cursor", async () => {
    for (const [query, message] of [
      ["q=or&match=contains", /at least 3 characters/],
      ["q=o&match=prefix", /at least 2 characters/],
      ["q=orders&match=regex", /^match: /],
    ] as const) {
      const { http, body } = await getJson<{ message: string }>(server, `/api/v1/search?${query}`);
      expect(http, query).toBe(400);
      expect(body.message, query).toMatch(message);
    }
    const exact = await getJson<Page<Hit>>(server, "/api/v1/search?q=paged&limit=1");
    const mixed = await getJson<{ message: string }>(
      server,
      `/api/v1/search?q=paged&match=contains&cursor=${exact.body.nextCursor}`,
    );
    expect(mixed.http).toBe(400);
    expect(mixed.body.message).toMatch(/^cursor: /);
  });

  it("answers 404 for an unknown context filter", async () => {
    const { http, body } = await getJson<{ message: string }>(
      server,
      "/api/v1/search?q=orders&contextId=8-8--cs_1_devcs_1_dev999999",
    );
    expect(http).toBe(404);
    expect(body.message).toContain("8-8--cs_1_devcs_1_dev999999");
  });

  it("lets a viewer search and refuses a caller without a token", async () => {
    expect((await getJson(server, "/api/v1/search?q=orders", server.viewerToken)).http).toBe(200);
    expect((await getJson(server, "/api/v1/search?q=orders", null)).http).toBe(401);
  });
});
