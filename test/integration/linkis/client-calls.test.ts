import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGatewayToken } from "../../../server/auth/tokens.ts";
import {
  linkisDeserialize,
  linkisPost,
  linkisRequests as L,
  linkisSerialize,
  readContextValue,
  readKeyValue,
  type LinkisAnswer,
} from "../../support/linkis-wire.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

/**
 * The calls of Linkis's HttpContextClient that the capture does not show, each sent with the
 * payload fields and headers its code puts on the request (which calls add the `contextID`
 * header, which add a plain `contextId`, the fixed `source` names), and each answer read the way
 * the client reads it. With captured-client and linkis-types this covers every call it makes.
 */
let server: TestServer;
let token: string;

const post = (name: string, payload: Record<string, unknown>, idHeader?: string) =>
  linkisPost(server.baseUrl, token, name, payload, idHeader);

/** The client's check on every answer: HTTP 200 and an integer status 0 (anything else throws). */
function ok(answer: LinkisAnswer) {
  expect({ http: answer.http, status: answer.status }, answer.message).toEqual({ http: 200, status: 0 });
  return answer.data;
}

/** A fresh context as createContext(ContextID) makes it; its serialized id as later calls send it. */
async function newContext(flow: string) {
  const created = L.contextId(null, "HAWorkFlowContextID", { flow });
  const contextId = ok(await post("createContextID", { contextID: created }, created)).contextId as string;
  return { contextId, id: L.contextId(contextId, "HAWorkFlowContextID", { flow }) };
}

const table = (name: string) => L.value("CSTable", JSON.stringify({ name, alias: null, location: null }), name);

/** setValue, as update() and setContextKeyValue() both send it. */
async function setTable(id: string, key: string, name: string, contextType = "METADATA") {
  ok(await post("setValue", { contextID: id, contextKeyValue: L.keyValue(L.key(key, contextType), table(name)) }, id));
}

/** getContextValue as the client reads it: null, or the deserialized contextValue. */
async function getValue(id: string, key: string, contextType = "METADATA") {
  const data = ok(await post("getContextValue", { contextID: id, contextKey: L.key(key, contextType) }, id));
  return data.contextValue == null ? null : readContextValue(data.contextValue);
}

beforeAll(async () => {
  server = await startTestServer();
  token = await createGatewayToken(server.app.services.database.prisma, { name: "dss", users: ["*"], role: "admin" });
});
afterAll(() => server.stop());

describe("HttpContextClient calls beyond the capture", () => {
  it("createContext(project, flow, user, params) (deprecated): a LinkisHAWorkFlowContextID with only project and flow", async () => {
    const id = linkisSerialize(
      "HAWorkFlowContextID",
      JSON.stringify({
        instance: null,
        backupInstance: null,
        user: null,
        workspace: null,
        project: "p_old",
        flow: "f_old",
        contextId: null,
        version: null,
        env: null,
      }),
    );
    const data = ok(await post("createContextID", { contextID: id }, id));
    expect(typeof data.contextId).toBe("string");
    // The client builds its Context from data.contextId.toString(): it must name a context we can use.
    const res = await server.request(`/api/rest_j/v1/contextservice/getContextID?contextId=${data.contextId}`);
    expect(res.status).toBe(200);
  });

  it("reset(contextID, contextKey) → resetValue without the header; getContextValue then answers null", async () => {
    const { id } = await newContext("reset_value");
    await setTable(id, "node.a.table.t1", "t1");
    expect((await getValue(id, "node.a.table.t1"))?.value).toMatchObject({ name: "t1" });
    ok(await post("resetValue", { contextKey: L.key("node.a.table.t1", "METADATA"), contextID: id }));
    expect(await getValue(id, "node.a.table.t1")).toBeNull();
  });

  it("reset(contextID) → removeAllValue without the header: every value gone", async () => {
    const { id } = await newContext("reset_id");
    await setTable(id, "node.a.table.t1", "t1");
    await setTable(id, "node.b.table.t2", "t2", "DATA");
    ok(await post("removeAllValue", { contextID: id }));
    expect(await getValue(id, "node.a.table.t1")).toBeNull();
    expect(await getValue(id, "node.b.table.t2", "DATA")).toBeNull();
  });

  it("remove(contextID, contextKey) → removeValue with the header and a plain contextId beside the serialized one", async () => {
    const { contextId, id } = await newContext("remove_value");
    await setTable(id, "node.a.table.t1", "t1");
    await setTable(id, "node.a.table.t2", "t2");
    ok(await post("removeValue", { contextKey: L.key("node.a.table.t1", "METADATA"), contextID: id, contextId }, id));
    expect(await getValue(id, "node.a.table.t1")).toBeNull();
    expect((await getValue(id, "node.a.table.t2"))?.value).toMatchObject({ name: "t2" });
  });

  it("removeAllValueByKeyPrefixAndContextType, removeAllValueByKeyAndContextType, removeAllValueByKeyPrefix", async () => {
    const { id } = await newContext("remove_all_by");
    await setTable(id, "node.a.table.t1", "t1");
    await setTable(id, "node.a.table.t2", "t2", "DATA");
    await setTable(id, "node.b.table.t3", "t3");
    await setTable(id, "node.c.table.t4", "t4");
    await setTable(id, "node.c.table.t5", "t5", "DATA");

    ok(
      await post(
        "removeAllValueByKeyPrefixAndContextType",
        { contextID: id, contextKeyType: "METADATA", keyPrefix: "node.a." },
        id,
      ),
    );
    expect(await getValue(id, "node.a.table.t1")).toBeNull();
    expect(await getValue(id, "node.a.table.t2", "DATA")).not.toBeNull(); // other type kept

    ok(
      await post(
        "removeAllValueByKeyAndContextType",
        { contextID: id, contextKeyType: "METADATA", contextKey: "node.b.table.t3" },
        id,
      ),
    );
    expect(await getValue(id, "node.b.table.t3")).toBeNull();

    ok(await post("removeAllValueByKeyPrefix", { contextID: id, keyPrefix: "node.c." }, id));
    expect(await getValue(id, "node.c.table.t4")).toBeNull();
    expect(await getValue(id, "node.c.table.t5", "DATA")).toBeNull();
    expect(await getValue(id, "node.a.table.t2", "DATA")).not.toBeNull();
  });

  it("search with every builder condition: Or of context types, And with value type, scope, regex, contains, under Nearest", async () => {
    const { id } = await newContext("search_all");
    await setTable(id, "node.sql_1.table.t_orders", "t_orders");
    await setTable(id, "node.sql_1.table.t_users", "t_users", "DATA");
    await setTable(id, "node.sql_1.table.x_orders", "x_orders");
    ok(
      await post(
        "setValue",
        {
          contextID: id,
          contextKeyValue: L.keyValue(
            L.key("flow.variable.t_orders_date", "METADATA"),
            L.value("LinkisVariable", '{"key":"t_orders_date","value":"1"}'),
          ),
        },
        id,
      ),
    );
    const type = (contextType: string) => ({ type: "ContextType", contextType });
    const and = (left: unknown, right: unknown) => ({ type: "And", left, right });
    // ContextSearchConditionMapBuilder.build(): types (Or-ed), then value types, scopes, regex, contains, each And-ed.
    const origin = and(
      and(
        and(
          and(
            { type: "Or", left: type("METADATA"), right: type("DATA") },
            { type: "ContextValueType", contextValueType: "org.apache.linkis.cs.common.entity.metadata.CSTable" },
          ),
          { type: "ContextScope", contextScope: "PUBLIC" },
        ),
        { type: "Regex", regex: "^node\\." },
      ),
      { type: "Contains", value: "t_" },
    );
    const data = ok(
      await post(
        "searchContextValue",
        {
          condition: { number: 2147483647, upstreamOnly: false, origin, currentNode: null, type: "Nearest" },
          contextID: id,
        },
        id,
      ),
    );
    const found = (data.contextKeyValue as string[]).map(readKeyValue);
    expect(found.map((kv) => kv.key.key).sort()).toEqual(["node.sql_1.table.t_orders", "node.sql_1.table.t_users"]);
    for (const kv of found) expect(kv.value.type).toBe("CSTable");
  });

  it("onBindKeyListener with source HttpContextClient; its heartbeat answers each change as a serialized string", async () => {
    const { contextId, id } = await newContext("listen_key");
    const key = L.key("node.sql_1.table.t_watch", "METADATA");
    ok(await post("onBindKeyListener", { contextID: id, contextKey: key, source: "HttpContextClient" }, id));
    await setTable(id, "node.sql_1.table.t_watch", "t_watch");
    await setTable(id, "node.sql_1.table.t_other", "t_other");
    const beat = ok(await post("heartbeat", { source: "HttpContextClient" }));
    const list = beat.ContextKeyValueBean as unknown[];
    expect(list).toHaveLength(1);
    // HttpHeartBeater: each element's toString() goes to the serialization helper, which reads a {type, value} map.
    const bean = linkisDeserialize(list[0]);
    expect(bean.type).toBe("ContextKeyValueBean");
    expect(linkisDeserialize(bean.json.csID).json).toMatchObject({ contextId });
    expect(linkisDeserialize(bean.json.csKey).json).toMatchObject({ key: "node.sql_1.table.t_watch" });
    const value = readContextValue(bean.json.csValue);
    expect(value).toMatchObject({ type: "CSTable", value: { name: "t_watch" } });
    expect(ok(await post("heartbeat", { source: "HttpContextClient" })).ContextKeyValueBean).toEqual([]);
    // The dialect is kept with the binding, so it survives a restart.
    const row = await server.app.services.database.prisma.listenerClient.findUnique({
      where: { source: "HttpContextClient" },
    });
    expect(row?.linkisDialect).toBe(true);
  });

  it("a value written in plain JSON with a Linkis valueType reads back through the dialect as that type", async () => {
    const { contextId, id } = await newContext("plain_written");
    const plain = await server.linkis("setValueByKey", {
      contextID: contextId,
      contextKey: { key: "node.sql_9.table.t_plain", contextType: "METADATA", contextScope: "PUBLIC" },
      contextValue: { value: { name: "t_plain", alias: null }, valueType: "CSTable" },
    });
    expect(plain.status).toBe(0);
    const value = await getValue(id, "node.sql_9.table.t_plain");
    expect(value).toMatchObject({ type: "CSTable", value: { name: "t_plain", alias: null } });
  });

  it("searchHAIDByTime(start, end, null, null, null, null, 0, 0): nulls left out, 0 pages mean the defaults", async () => {
    const { contextId } = await newContext("by_time");
    const q = new URLSearchParams({
      createTimeStart: "2020-01-01 00:00:00",
      createTimeEnd: "2999-12-31 23:59:59",
      pageNow: "0",
      pageSize: "0",
    });
    const res = await fetch(`${server.baseUrl}/api/rest_j/v1/contextservice/searchContextIDByTime?${q}`, {
      headers: { "Token-Code": token, "Token-User": "hadoop" },
    });
    const answer = { http: res.status, ...((await res.json()) as Omit<LinkisAnswer, "http">) };
    expect(ok(answer).contextIDs).toContain(contextId);
  });

  it("batchClearContextByHAID → clearAllContextByID {idList}: num reads as an integer and the context is gone", async () => {
    const { contextId, id } = await newContext("clear_by_id");
    await setTable(id, "node.a.table.t1", "t1");
    const data = ok(await post("clearAllContextByID", { idList: [contextId] }));
    // ContextClearByIDResult.num is an Int: the client converts the answer's num.
    expect(String(data.num)).toMatch(/^\d+$/);
    expect(Number.parseInt(String(data.num), 10)).toBe(1);
    // As in Linkis, the id goes with its values.
    const after = await post(
      "getContextValue",
      { contextID: id, contextKey: L.key("node.a.table.t1", "METADATA") },
      id,
    );
    expect(after.http).toBe(404);
  });
});
