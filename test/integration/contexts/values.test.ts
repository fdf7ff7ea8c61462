import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let id: string;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());
beforeEach(async () => {
  id = (await server.linkis<{ contextId: string }>("createContextID", { contextID: { user: "u" } })).data.contextId;
});

const key = (k: string, contextType = "DATA", extra: Record<string, unknown> = {}) => ({
  key: k,
  contextType,
  contextScope: "PUBLIC",
  ...extra,
});
const set = (contextKey: unknown, contextValue: unknown) =>
  server.linkis("setValueByKey", { contextID: id, contextKey, contextValue });
const get = async (contextKey: unknown) =>
  (await server.linkis<{ contextValue: unknown }>("getContextValue", { contextID: id, contextKey })).data.contextValue;
const search = async (condition: unknown) => {
  const r = await server.linkis<{ contextKeyValue: { contextKey: { key: string } }[] }>("searchContextValue", {
    contextID: id,
    condition,
  });
  expect(r.http, r.message).toBe(200);
  return r.data.contextKeyValue.map((kv) => kv.contextKey.key).sort();
};

describe("values", () => {
  it("sets and gets a value with its keywords and valueType", async () => {
    expect(
      (
        await set(key("node.table", "METADATA", { keywords: "k1,k2" }), {
          value: { name: "t1", rows: 3 },
          keywords: ["v1"],
          valueType: "CSTable",
        })
      ).http,
    ).toBe(200);
    expect(await get(key("node.table", "METADATA"))).toEqual({
      value: { name: "t1", rows: 3 },
      keywords: ["v1"],
      valueType: "CSTable",
    });
  });

  it("keeps the cross-context keyword rows in step when an update changes the keywords, and when it does not", async () => {
    const rows = async () =>
      (
        await server.app.services.database.prisma.contextKeyword.findMany({
          where: { contextId: Number(/\d+$/.exec(id)![0]), contextType: "ENV" },
        })
      )
        .map((r) => r.keyword)
        .sort();
    await set(key("kw", "ENV"), { value: 1, keywords: ["old"] });
    expect(await rows()).toEqual(["kw", "old"]);
    await set(key("kw", "ENV"), { value: 2, keywords: ["old"] });
    expect(await rows()).toEqual(["kw", "old"]);
    await set(key("kw", "ENV"), { value: 3, keywords: ["new"] });
    expect(await rows()).toEqual(["kw", "new"]);
  });

  it("answers null for a key that is not there", async () => {
    expect(await get(key("nothing"))).toBeNull();
  });

  it("keeps (contextType, key) unique: the same key under two types is two entries", async () => {
    await set(key("x", "DATA"), { value: 1 });
    await set(key("x", "ENV"), { value: 2 });
    await set(key("x", "DATA"), { value: 3 });
    expect(await get(key("x", "DATA"))).toMatchObject({ value: 3 });
    expect(await get(key("x", "ENV"))).toMatchObject({ value: 2 });
    expect(
      await server.app.services.database.prisma.contextEntry.count({
        where: { key: "x", contextId: Number(/\d+$/.exec(id)![0]) },
      }),
    ).toBe(2);
  });

  it("accepts setValue with a contextKeyValue, and Linkis-serialized key and value strings", async () => {
    const r = await server.linkis("setValue", {
      contextID: id,
      contextKeyValue: { contextKey: key("a"), contextValue: { value: "A" } },
    });
    expect(r.http).toBe(200);
    const serializedKey = JSON.stringify({
      type: "commonContextKey",
      value: JSON.stringify({ key: "b", contextType: "RESOURCE", contextScope: "PRIVATE", keywords: "" }),
    });
    const serializedValue = JSON.stringify({
      type: "contextValue",
      value: JSON.stringify({
        keywords: "kw1,kw2",
        value: JSON.stringify({
          type: "org.apache.linkis.cs.common.entity.metadata.CSTable",
          value: JSON.stringify({ name: "db.tbl" }),
        }),
      }),
    });
    expect((await set(serializedKey, serializedValue)).http).toBe(200);
    expect(await get(key("a"))).toEqual({ value: "A", keywords: [] });
    expect(await get({ key: "b", contextType: "RESOURCE" })).toEqual({
      value: { name: "db.tbl" },
      keywords: ["kw1", "kw2"],
      valueType: "CSTable",
    });
    expect(await search({ type: "Keyword", keyword: "db.tbl" })).toEqual(["b"]); // the CSTable rule made `name` a keyword
  });

  it("resetValue keeps the key with a null value", async () => {
    await set(key("r"), { value: 5 });
    expect((await server.linkis("resetValue", { contextID: id, contextKey: key("r") })).http).toBe(200);
    expect(await get(key("r"))).toEqual({ value: null, keywords: [] });
  });

  it("removeValue removes; removing a missing key answers 200", async () => {
    await set(key("gone"), { value: 1 });
    expect((await server.linkis("removeValue", { contextID: id, contextKey: key("gone") })).http).toBe(200);
    expect(await get(key("gone"))).toBeNull();
    expect((await server.linkis("removeValue", { contextID: id, contextKey: key("gone") })).http).toBe(200);
  });

  it("removes by prefix, by prefix and type, by key and type, and all", async () => {
    for (const [k, t] of [
      ["p.1", "DATA"],
      ["p.2", "ENV"],
      ["q.1", "DATA"],
      ["q.2", "DATA"],
      ["z", "ENV"],
    ] as const)
      await set(key(k, t), { value: k });
    await server.linkis("removeAllValueByKeyPrefixAndContextType", {
      contextID: id,
      contextKeyType: "DATA",
      keyPrefix: "p.",
    });
    expect(await search({ type: "Contains", value: "." })).toEqual(["p.2", "q.1", "q.2"]);
    await server.linkis("removeAllValueByKeyPrefix", { contextID: id, keyPrefix: "q" });
    expect(await search({ type: "Contains", value: "." })).toEqual(["p.2"]);
    await server.linkis("removeAllValueByKeyAndContextType", { contextID: id, contextKeyType: "ENV", contextKey: "z" });
    expect(await get(key("z", "ENV"))).toBeNull();
    await server.linkis("removeAllValue", { contextID: id });
    expect(await search({ type: "Not", origin: { type: "Contains", value: "#none#" } })).toEqual([]);
  });

  it("survives a restart of the cache: values load back from the database", async () => {
    await set(key("persisted"), { value: { deep: [1, 2, { x: "y" }] }, keywords: ["kp"] });
    server.app.services.contexts.invalidate(Number(/\d+$/.exec(id)![0]));
    expect(await get(key("persisted"))).toEqual({ value: { deep: [1, 2, { x: "y" }] }, keywords: ["kp"] });
    expect(await search({ type: "Keyword", keyword: "kp" })).toEqual(["persisted"]);
  });
});

describe("search conditions", () => {
  beforeEach(async () => {
    await set(key("table.a", "METADATA", { contextScope: "PUBLIC", keywords: "sales" }), {
      value: { name: "a" },
      valueType: "CSTable",
    });
    await set(key("table.b", "METADATA", { contextScope: "PRIVATE" }), {
      value: { name: "b", location: "hdfs://x" },
      valueType: "CSTable",
    });
    await set(key("var.x", "Variable", { contextScope: "PUBLIC" }), { value: 1, keywords: ["sales"] });
    await set(key("res.y", "RESOURCE", { contextScope: "PROTECTED" }), { value: "r" });
  });

  it("filters by type, scope, value type, keyword, substring and regex", async () => {
    expect(await search({ type: "ContextType", contextType: "METADATA" })).toEqual(["table.a", "table.b"]);
    expect(await search({ type: "ContextScope", contextScope: "PUBLIC" })).toEqual(["table.a", "var.x"]);
    expect(await search({ type: "ContextValueType", contextValueType: "CSTable" })).toEqual(["table.a", "table.b"]);
    expect(await search({ type: "Keyword", keyword: "sales" })).toEqual(["table.a", "var.x"]);
    expect(await search({ type: "Keyword", keyword: "hdfs://x" })).toEqual(["table.b"]);
    expect(await search({ type: "Contains", value: "able" })).toEqual(["table.a", "table.b"]);
    expect(await search({ type: "Regex", regex: "^(var|res)\\." })).toEqual(["res.y", "var.x"]);
  });

  it("combines with And, Or and Not at any depth", async () => {
    expect(
      await search({
        type: "And",
        left: { type: "ContextType", contextType: "METADATA" },
        right: { type: "Keyword", keyword: "sales" },
      }),
    ).toEqual(["table.a"]);
    expect(
      await search({
        type: "Or",
        left: { type: "ContextType", contextType: "RESOURCE" },
        right: { type: "Keyword", keyword: "sales" },
      }),
    ).toEqual(["res.y", "table.a", "var.x"]);
    expect(await search({ type: "Not", origin: { type: "ContextType", contextType: "METADATA" } })).toEqual([
      "res.y",
      "var.x",
    ]);
    expect(
      await search({
        type: "And",
        left: {
          type: "Not",
          origin: {
            type: "Or",
            left: { type: "ContextScope", contextScope: "PRIVATE" },
            right: { type: "ContextType", contextType: "RESOURCE" },
          },
        },
        right: { type: "Not", origin: { type: "Not", origin: { type: "Contains", value: "." } } },
      }),
    ).toEqual(["table.a", "var.x"]);
  });

  it("answers the catastrophic-backtracking family at once, and /api/health is not held behind it", async () => {
    // One context holding a 1,024-character key: on V8's engine each of these took 2^n steps
    // (23 s for 30 characters, safe-regex2 approved them) and this test hit vitest's timeout.
    const long = "a".repeat(1024);
    const own = (await server.linkis<{ contextId: string }>("createContextID", { contextID: { user: "u" } })).data
      .contextId;
    await server.linkis("setValueByKey", { contextID: own, contextKey: key(long), contextValue: { value: 1 } });
    const searches = ["(.|.)*\\u0000", "(\\w|\\w)*!", "^(a|a)*$", "^(a+)+$", "^(a|aa)+$"].map(async (regex) => {
      const r = await server.linkis<{ contextKeyValue: { contextKey: { key: string } }[] }>("searchContextValue", {
        contextID: own,
        condition: { type: "Regex", regex },
      });
      return r.data.contextKeyValue.map((kv) => kv.contextKey.key);
    });
    const health = fetch(`${server.baseUrl}/api/health`).then((r) => r.status);
    expect(await Promise.all(searches)).toEqual([[], [], [long], [long], [long]]);
    expect(await health).toBe(200);
  });

  it("refuses overlong or invalid regexes and unknown condition types with 400", async () => {
    for (const condition of [
      { type: "Regex", regex: "(?<=a)b" },
      { type: "Regex", regex: "a".repeat(300) },
      { type: "Regex", regex: "(" },
      { type: "Fuzzy", value: "x" },
      { type: "And", left: { type: "ContextType", contextType: "DATA" } },
    ]) {
      const r = await server.linkis("searchContextValue", { contextID: id, condition });
      expect(r.http, JSON.stringify(condition)).toBe(400);
      expect(r.status).toBe(2);
      expect(r.message).toMatch(/condition/);
    }
  });
});

describe("bad input on values", () => {
  it("names a missing contextType", async () => {
    const r = await set({ key: "k", contextScope: "PUBLIC" }, { value: 1 });
    expect(r).toMatchObject({ http: 400, status: 2 });
    expect(r.message).toMatch(/contextKey\.contextType/);
  });

  it("refuses a malformed Linkis-serialized key", async () => {
    const r = await set('{"type":"commonContextKey","value":"{not json"}', { value: 1 });
    expect(r).toMatchObject({ http: 400, status: 2 });
    expect(r.message).toMatch(/contextKey/);
  });

  it("answers malformed JSON with 400", async () => {
    const res = await server.request("/api/rest_j/v1/contextservice/setValueByKey", {
      rawBody: "{ not json",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 2, data: {}, message: expect.stringMatching(/Malformed JSON/) });
  });

  it("answers a body over the limit with 413, naming the limit, and stores nothing", async () => {
    const big = "x".repeat(2 * 1024 * 1024 + 10);
    const r = await set(key("big"), { value: big });
    expect(r.http).toBe(413);
    expect(r.status).toBe(2);
    expect(r.message).toMatch(/2097152 bytes/);
    expect(await get(key("big"))).toBeNull();
  });

  it("answers a wrong field type with 400 and leaves the previous value", async () => {
    await set(key("keep"), { value: "old" });
    const r = await set({ key: "keep", contextType: "DATA", contextScope: 42 }, { value: "new" });
    expect(r.http).toBe(400);
    expect(r.message).toMatch(/contextScope/);
    expect(await get(key("keep"))).toMatchObject({ value: "old" });
  });

  it("a write that fails in the database leaves cache and database as they were", async () => {
    await set(key("stable"), { value: "before" });
    const db = server.app.services.database.prisma;
    const row = Number(/\d+$/.exec(id)![0]);
    // Make the change-log insert of the next revision collide: the transaction must roll back.
    const { revision } = (await db.contextId.findUnique({ where: { id: row } }))!;
    await db.changeLog.create({ data: { contextId: row, revision: revision + 1, op: "updated" } });
    const r = await set(key("stable"), { value: "after" });
    expect(r.http).toBe(500);
    expect(r.message).not.toMatch(/prisma|constraint|stack/i);
    expect(await get(key("stable"))).toMatchObject({ value: "before" });
    const entry = await db.contextEntry.findFirst({ where: { contextId: row, key: "stable" } });
    expect(JSON.parse(entry!.valueJson)).toBe("before");
    expect((await db.contextId.findUnique({ where: { id: row } }))!.revision).toBe(revision);
  });
});
