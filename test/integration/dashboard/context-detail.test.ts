import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allPages, createContext, getJson, setValue, type Page } from "../../support/dashboard-api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

type EntryItem = {
  key: string;
  contextType: string;
  contextScope: string;
  keywords: string[];
  keyKeywords: string[];
  valueKeywords: string[];
  valueType: string | null;
  revision: number;
  updateTime: string;
  valueBytes: number;
  preview: string;
  truncated: boolean;
};
type Detail = {
  context: Record<string, unknown>;
  entryCounts: Record<string, number>;
  history: { source: string }[];
  metrics: { entries: number; bytes: number } | null;
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const entriesUrl = (id: string, query = "") => `/api/v1/contexts/${encodeURIComponent(id)}/entries${query}`;
const big = { rows: Array.from({ length: 400 }, (_, i) => ({ n: i, city: "Zürich" })) };

describe("GET /api/v1/contexts/:id", () => {
  it("answers the context's fields, entry counts by type, history and cache metrics", async () => {
    const { id } = await createContext(server, { user: "hadoop", application: "dss", source: "flow" });
    for (const key of ["t1", "t2"]) await setValue(server, id, { key, contextType: "DATA" }, { value: 1 });
    await setValue(server, id, { key: "e1", contextType: "ENV" }, { value: "x" });
    for (const source of ["node-a", "node-b"]) {
      const r = await server.linkis("createHistory", {
        contextID: id,
        contextHistory: { source, contextType: "DATA", keyword: "k", historyJson: "{}" },
      });
      expect(r.http).toBe(200);
    }
    const { http, body } = await getJson<Detail>(server, `/api/v1/contexts/${id}`);
    expect(http).toBe(200);
    expect(body.context).toMatchObject({
      contextId: id,
      user: "hadoop",
      application: "dss",
      source: "flow",
      expireType: "NEVER",
      instance: "cs_1_dev",
      backupInstance: "cs_1_dev",
      revision: 4,
    });
    expect(body.entryCounts).toEqual({ DATA: 2, ENV: 1 });
    expect(body.history.map((h) => h.source)).toEqual(["node-a", "node-b"]);
    expect(body.metrics).toMatchObject({ entries: 3 });
  });

  it("reads from the database: an uncached context shows null metrics and is not loaded by looking", async () => {
    const { id, row } = await createContext(server);
    await setValue(server, id, { key: "k", contextType: "DATA" }, { value: 1 });
    server.app.services.cache.delete(row);
    const { body } = await getJson<Detail>(server, `/api/v1/contexts/${id}`);
    expect(body.entryCounts).toEqual({ DATA: 1 });
    expect(body.metrics).toBeNull();
    expect(server.app.services.cache.has(row)).toBe(false);
  });

  it("answers 404 naming an unknown id (also one of another instance), 400 for a malformed one", async () => {
    const { row } = await createContext(server);
    for (const other of ["8-8--cs_1_devcs_1_dev999999", `8-8--cs_9_devcs_1_dev${row}`]) {
      for (const path of [
        `/api/v1/contexts/${other}`,
        entriesUrl(other),
        `/api/v1/contexts/${other}/value?type=DATA&key=k`,
      ]) {
        const { http, body } = await getJson<{ status: number; message: string }>(server, path);
        expect(http, path).toBe(404);
        expect(body).toMatchObject({ status: 1 });
        expect(body.message).toContain(other);
      }
    }
    const bad = await getJson<{ message: string }>(server, "/api/v1/contexts/not-an-id");
    expect(bad.http).toBe(400);
    expect(bad.body.message).toMatch(/not a context id/);
    const broken = await getJson<{ message: string }>(server, "/api/v1/contexts/%E0/entries");
    expect(broken.http).toBe(400);
    expect(broken.body.message).toMatch(/^id: .*percent-encoding/);
  });

  it("lets a viewer read and refuses a caller without a token", async () => {
    const { id } = await createContext(server);
    expect((await getJson(server, `/api/v1/contexts/${id}`, server.viewerToken)).http).toBe(200);
    expect((await getJson(server, entriesUrl(id), server.viewerToken)).http).toBe(200);
    expect((await getJson(server, `/api/v1/contexts/${id}`, null)).http).toBe(401);
    expect((await getJson(server, entriesUrl(id), null)).http).toBe(401);
    expect((await getJson(server, `/api/v1/contexts/${id}/value?type=DATA&key=k`, null)).http).toBe(401);
  });
});

describe("GET /api/v1/contexts/:id/entries", () => {
  it("pages through every entry once, ordered by type then key", async () => {
    const { id } = await createContext(server);
    const written = [
      ["ENV", "k03"],
      ["DATA", "k02"],
      ["METADATA", "k01"],
      ["DATA", "k01"],
      ["ENV", "k01"],
      ["DATA", "k03"],
      ["DATA", "k10"],
    ] as const;
    for (const [contextType, key] of written)
      await setValue(server, id, { key, contextType }, { value: `${contextType}/${key}` });
    const pages = await allPages<EntryItem>(server, entriesUrl(id, "?limit=3"));
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((p) => p.items.map((i) => `${i.contextType}/${i.key}`))).toEqual([
      "DATA/k01",
      "DATA/k02",
      "DATA/k03",
      "DATA/k10",
      "ENV/k01",
      "ENV/k03",
      "METADATA/k01",
    ]);
    const env = await allPages<EntryItem>(server, entriesUrl(id, "?type=ENV&limit=1"));
    expect(env.flatMap((p) => p.items.map((i) => i.key))).toEqual(["k01", "k03"]);
    const one = await getJson<Page<EntryItem>>(server, entriesUrl(id, "?type=DATA&key=k10"));
    expect(one.body.items.map((i) => i.key)).toEqual(["k10"]);
  });

  it("shows each entry's scope, keywords, value type, revision and a preview of its value", async () => {
    const { id } = await createContext(server);
    await setValue(
      server,
      id,
      { key: "orders", contextType: "METADATA", contextScope: "PRIVATE", keywords: ["sales"] },
      { value: { name: "orders_t", location: "/warehouse/orders" }, valueType: "CSTable", keywords: "q3,report" },
    );
    const [item] = (await getJson<Page<EntryItem>>(server, entriesUrl(id))).body.items;
    expect(item).toMatchObject({
      key: "orders",
      contextType: "METADATA",
      contextScope: "PRIVATE",
      keyKeywords: ["sales"],
      valueKeywords: ["q3", "report"],
      valueType: "CSTable",
      revision: 2,
      truncated: false,
    });
    expect(item!.keywords).toEqual(
      expect.arrayContaining(["orders", "sales", "q3", "report", "orders_t", "/warehouse/orders"]),
    );
    expect(JSON.parse(item!.preview)).toEqual({ name: "orders_t", location: "/warehouse/orders" });
    expect(new Date(item!.updateTime).toISOString()).toBe(item!.updateTime);
  });

  it("cuts a large value to a 2000-character preview, says so, and counts its bytes", async () => {
    const { id } = await createContext(server);
    await setValue(server, id, { key: "big", contextType: "DATA" }, { value: big });
    const [item] = (await getJson<Page<EntryItem>>(server, entriesUrl(id))).body.items;
    const text = JSON.stringify(big);
    expect(item!.truncated).toBe(true);
    expect(item!.preview).toBe(text.slice(0, 2000));
    expect(item!.valueBytes).toBe(Buffer.byteLength(text, "utf8"));
    expect(item!.valueBytes).toBeGreaterThan(text.length); // ü is two bytes
  });

  it("answers an empty page for a context without entries", async () => {
    const { id } = await createContext(server);
    expect((await getJson(server, entriesUrl(id))).body).toEqual({ items: [], nextCursor: null });
  });

  it("answers 400 for a bad type, limit or cursor", async () => {
    const { id } = await createContext(server);
    for (const [query, field] of [
      ["?type=TABLE", /type/],
      ["?limit=600", /limit/],
      ["?cursor=%5B%5D", /cursor/],
    ] as const) {
      const { http, body } = await getJson<{ message: string }>(server, entriesUrl(id, query));
      expect(http, query).toBe(400);
      expect(body.message).toMatch(field);
    }
  });
});

describe("GET /api/v1/contexts/:id/value", () => {
  it("answers the whole value of one entry, for loading a collapsed one on demand", async () => {
    const { id } = await createContext(server);
    await setValue(server, id, { key: "big", contextType: "DATA" }, { value: big });
    await setValue(server, id, { key: "nothing", contextType: "ENV" }, { value: null });
    const { http, body } = await getJson(server, `/api/v1/contexts/${id}/value?type=DATA&key=big`);
    expect(http).toBe(200);
    expect(body).toEqual({ value: big });
    expect((await getJson(server, `/api/v1/contexts/${id}/value?type=ENV&key=nothing`)).body).toEqual({ value: null });
  });

  it("answers 404 for a key that is not there and 400 without type or key", async () => {
    const { id } = await createContext(server);
    await setValue(server, id, { key: "k", contextType: "DATA" }, { value: 1 });
    const missing = await getJson<{ message: string }>(server, `/api/v1/contexts/${id}/value?type=ENV&key=k`);
    expect(missing.http).toBe(404);
    expect(missing.body.message).toContain('"k"');
    const noType = await getJson<{ message: string }>(server, `/api/v1/contexts/${id}/value?key=k`);
    expect(noType.http).toBe(400);
    expect(noType.body.message).toMatch(/type/);
    const noKey = await getJson<{ message: string }>(server, `/api/v1/contexts/${id}/value?type=DATA`);
    expect(noKey.http).toBe(400);
    expect(noKey.body.message).toMatch(/key/);
  });
});
