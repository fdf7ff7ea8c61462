import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGatewayToken } from "../../../server/auth/tokens.ts";
import {
  linkisDeserialize,
  linkisPost,
  linkisRequests as L,
  readContextValue,
  readKeyValue,
} from "../../support/linkis-wire.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

/**
 * What the capture does not show, from the Linkis sources: every value type and history type
 * of linkis-pes-common through the serialized dialect, Nearest on a flow graph, ContextValueType
 * by Java class name. Requests are built as the Java client builds them (Token-Code/Token-User).
 */
let server: TestServer;
let token: string;
let contextId: string;
let serializedId: string;

async function call(name: string, body: Record<string, unknown>) {
  const answer = await linkisPost(server.baseUrl, token, name, body, serializedId);
  expect({ http: answer.http, status: answer.status }, answer.message).toEqual({ http: 200, status: 0 });
  return answer.data;
}

// Gson's own text: HTML-safe escapes (\u003d, \u0027, \u0026), doubles written as 1.0, dates as strings.
const VALUES: { type: string; key: string; contextType: string; text: string; keyword?: string }[] = [
  {
    type: "CSTable",
    key: "node.sql_1.table.t_orders",
    contextType: "METADATA",
    text: '{"name":"t_orders","alias":"o\\u003d1","creator":"hadoop","comment":"it\\u0027s \\u0026 more","createTime":"2025-12-02T00:00:00+0000","location":"hdfs:///warehouse/t_orders","columns":[{"name":"id","alias":null,"type":"int","comment":null,"express":null,"rule":null,"isPrimary":true,"length":11}],"partitions":null,"db":null}',
    keyword: "t_orders",
  },
  {
    type: "LinkisVariable",
    key: "flow.variable.run_date",
    contextType: "OBJECT",
    text: '{"key":"run_date","value":"20261201"}',
    keyword: "run_date",
  },
  {
    type: "CSFlowInfos",
    key: "flow.infos",
    contextType: "OBJECT",
    text: '{"infos":{"edges":[{"source":"id-1","target":"id-2"},{"source":"id-2","target":"id-3"}],"id_nodeName":{"id-1":"sql_1","id-2":"sql_2","id-3":"sql_3"},"weight":1.0}}',
  },
  { type: "LinkisJobData", key: "node.sql_1.jobID", contextType: "DATA", text: '{"jobID":4242}' },
  {
    type: "CSResultData",
    key: "node.sql_2.result",
    contextType: "DATA",
    text: '{"fsPath":{"path":"hdfs:///tmp/result/_0.dolphin"}}',
  },
  {
    type: "linkisBMLResource",
    key: "flow.resource.udf.jar",
    contextType: "RESOURCE",
    text: '{"resourceId":"0f4c2e8a-res","version":"v000002","isPrivate":false,"resourceHeader":null,"downloadedFileName":"udf.jar","sys":null,"createTime":"2025-12-02T00:00:00+0000","isExpire":null,"expireType":null,"expireTime":null,"updateTime":null,"updator":null,"maxVersion":3,"user":"hadoop","system":null,"enableFlag":true}',
    keyword: "0f4c2e8a-res",
  },
];

beforeAll(async () => {
  server = await startTestServer();
  token = await createGatewayToken(server.app.services.database.prisma, { name: "dss", users: ["*"], role: "admin" });
  const created = await call("createContextID", { contextID: L.contextId(null) });
  contextId = created.contextId as string;
  serializedId = L.contextId(contextId);
  for (const v of VALUES) {
    await call("setValue", {
      contextID: serializedId,
      contextKeyValue: L.keyValue(L.key(v.key, v.contextType), L.value(v.type, v.text)),
    });
  }
});
afterAll(() => server.stop());

describe("every value type of linkis-pes-common", () => {
  it.each(VALUES)("$type reads back with its type name and its JSON text byte for byte", async (v) => {
    const data = await call("getContextValue", { contextID: serializedId, contextKey: L.key(v.key, v.contextType) });
    const value = readContextValue(data.contextValue);
    expect(value.type).toBe(v.type);
    expect(value.valueText).toBe(v.text);
  });

  it("survives a restart of the cache: the text comes back from the database unchanged", async () => {
    const row = Number(/\d+$/.exec(contextId)![0]);
    expect(server.app.services.cache.delete(row)).toBe(true);
    for (const v of VALUES) {
      const data = await call("getContextValue", { contextID: serializedId, contextKey: L.key(v.key, v.contextType) });
      expect(readContextValue(data.contextValue).valueText).toBe(v.text);
    }
  });

  it("finds values by the keywords Linkis's @KeywordMethod getters give, in the dashboard search", async () => {
    for (const v of VALUES.filter((x) => x.keyword)) {
      const res = await server.request(`/api/v1/search?q=${encodeURIComponent(v.keyword!)}&contextId=${contextId}`);
      const { items } = (await res.json()) as { items: { key: string }[] };
      expect(items.map((i) => i.key)).toContain(v.key);
    }
  });

  it("a CombinedNodeIDContextID names the same context", async () => {
    const combined = L.contextId(contextId, "CombinedNodeIDContextID", { nodeID: "sql_1" });
    const data = await call("getContextValue", {
      contextID: combined,
      contextKey: L.key("flow.variable.run_date", "OBJECT"),
    });
    expect(readContextValue(data.contextValue).value).toEqual({ key: "run_date", value: "20261201" });
  });
});

describe("search as the client sends it", () => {
  const nearest = (origin: unknown, currentNode: string | null, upstreamOnly = false, number = 2147483647) => ({
    type: "Nearest",
    origin,
    currentNode,
    number,
    upstreamOnly,
  });
  const keysOf = (data: Record<string, unknown>) =>
    (data.contextKeyValue as string[]).map((s) => readKeyValue(s).key.key);

  beforeAll(async () => {
    for (const node of ["sql_3", "sql_2"]) {
      await call("setValue", {
        contextID: serializedId,
        contextKeyValue: L.keyValue(
          L.key(`node.${node}.table.t_${node}`, "METADATA"),
          L.value("CSTable", `{"name":"t_${node}"}`),
        ),
      });
    }
  });

  it("Nearest with upstreamOnly on sql_1 → sql_2 → sql_3: the current node, then upstream by distance, no downstream", async () => {
    const origin = { type: "ContextType", contextType: "METADATA" };
    const up = await call("searchContextValue", {
      contextID: serializedId,
      condition: nearest(origin, "flow1.sql_2", true),
    });
    expect(keysOf(up)).toEqual(["node.sql_2.table.t_sql_2", "node.sql_1.table.t_orders"]);
    const both = await call("searchContextValue", { contextID: serializedId, condition: nearest(origin, "sql_3") });
    expect(keysOf(both)).toEqual(["node.sql_3.table.t_sql_3", "node.sql_2.table.t_sql_2", "node.sql_1.table.t_orders"]);
    const first = await call("searchContextValue", {
      contextID: serializedId,
      condition: nearest(origin, "sql_3", false, 1),
    });
    expect(keysOf(first)).toEqual(["node.sql_3.table.t_sql_3"]);
  });

  it("ContextValueType by Java class name, and by an interface the type implements", async () => {
    const byClass = await call("searchContextValue", {
      contextID: serializedId,
      condition: nearest(
        { type: "ContextValueType", contextValueType: "org.apache.linkis.cs.common.entity.metadata.CSTable" },
        null,
      ),
    });
    expect(keysOf(byClass).sort()).toEqual([
      "node.sql_1.table.t_orders",
      "node.sql_2.table.t_sql_2",
      "node.sql_3.table.t_sql_3",
    ]);
    const byInterface = await call("searchContextValue", {
      contextID: serializedId,
      condition: nearest(
        { type: "ContextValueType", contextValueType: "org.apache.linkis.cs.common.entity.resource.BMLResource" },
        null,
      ),
    });
    expect(keysOf(byInterface)).toEqual(["flow.resource.udf.jar"]);
  });
});

describe("every history type of linkis-pes-common", () => {
  const table =
    '{"name":"t_orders","alias":null,"location":"hdfs:///warehouse/t_orders","createTime":"2025-12-02T00:00:00+0000"}';
  const HISTORIES: { type: string; fields: Record<string, string>; keyword: string }[] = [
    {
      type: "commonResourceHistory",
      fields: {
        resource: "",
        contextType: "RESOURCE",
        source: "res_source",
      },
      keyword: "0f4c2e8a-res",
    },
    {
      type: "CSTableMetadataContextHistory",
      fields: { table, operationType: "CREATE", contextType: "METADATA", source: "meta_source" },
      keyword: "t_orders",
    },
    {
      type: "CSTableLineageMetadataContextHistory",
      fields: {
        targetTable: '{"name":"t_target","alias":null}',
        sourceTables: '[{"name":"t_src_a"},{"name":"t_src_b"}]',
        operationType: "CREATE",
        contextType: "METADATA",
        source: "lineage_source",
      },
      keyword: "t_src_b",
    },
  ];
  // commonResourceHistory holds its resource serialized, as CommonResourceHistorySerializer writes it.
  HISTORIES[0]!.fields.resource = JSON.stringify({ type: "linkisBMLResource", value: VALUES[5]!.text });

  it("creates each, reads them back serialized with their fields unchanged, finds each by keyword, removes each", async () => {
    for (const h of HISTORIES)
      await call("createHistory", { contextID: serializedId, contextHistory: L.history(h.type, h.fields) });
    const all = await call("getHistories", { contextID: serializedId });
    const read = (all.contextHistory as string[]).map(linkisDeserialize);
    expect(read.map((h) => h.type)).toEqual(HISTORIES.map((h) => h.type));
    for (const [i, h] of HISTORIES.entries()) {
      expect(read[i]!.json).toMatchObject(h.fields);
      expect(Number.isInteger(Number(read[i]!.json.id))).toBe(true);
    }
    for (const h of HISTORIES) {
      const one = await call("getHistory", { contextID: serializedId, source: h.fields.source });
      expect(linkisDeserialize(one.contextHistory).json).toMatchObject(h.fields);
      const found = await call("searchHistory", { contextID: serializedId, keywords: [h.keyword] });
      expect((found.contextHistory as string[]).map((s) => linkisDeserialize(s).json.source)).toEqual([
        h.fields.source,
      ]);
    }
    for (const h of HISTORIES)
      await call("removeHistory", { contextID: serializedId, contextHistory: L.history(h.type, h.fields) });
    expect((await call("getHistories", { contextID: serializedId })).contextHistory).toEqual([]);
    expect((await call("getHistory", { contextID: serializedId, source: "meta_source" })).contextHistory).toBeNull();
  });
});
