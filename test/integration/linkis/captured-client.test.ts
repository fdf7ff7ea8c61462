import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGatewayToken } from "../../../server/auth/tokens.ts";
import {
  captureFiles,
  linkisDeserialize,
  readCapture,
  readContextValue,
  readKeyValue,
  replay,
} from "../../support/linkis-wire.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

/**
 * Every request Linkis's Java client was captured sending, replayed byte for byte against a
 * real server, in the capture's order, and each answer read the way the client reads it.
 */
let server: TestServer;
let token: string;
let contextId: string;
const send = (file: string) => replay(server.baseUrl, readCapture(file), token, contextId);

beforeAll(async () => {
  server = await startTestServer();
  // The client always sends Token-User: hadoop, with a gateway token configured in its properties.
  token = await createGatewayToken(server.app.services.database.prisma, { name: "dss", users: ["*"], role: "admin" });
});
afterAll(() => server.stop());

/** The envelope the client accepts: HTTP 200 and an integer status 0. */
function ok(answer: { http: number; status: unknown; message: string }) {
  expect(answer, answer.message).toMatchObject({ http: 200, status: 0 });
  expect(Number.isInteger(answer.status)).toBe(true);
}

/** The typed value a captured setValue sent, as the client serialized it. */
function sentValue(file: string) {
  const body = JSON.parse(readCapture(file).body!) as { contextKeyValue: string };
  return { text: body.contextKeyValue, ...readKeyValue(body.contextKeyValue) };
}

describe("the captured Linkis client requests", () => {
  it("are all covered by this test", () => {
    expect(captureFiles().sort()).toEqual([
      "01-createContextID.http",
      "03-setValue.http",
      "04-setValue.http",
      "08-getContextValue.http",
      "11-searchContextValue.http",
      "14-onBindIDListener.http",
      "16-heartbeat.http",
      "17-createHistory.http",
      "19-getHistories.http",
      "23-removeHistory.http",
      "30-searchContextIDByTime.http",
      "33-clearAllContextByTime.http",
    ]);
  });

  it("createContextID (contextId null) answers data.contextId as a string", async () => {
    const answer = await send("01-createContextID.http");
    ok(answer);
    expect(typeof answer.data.contextId).toBe("string");
    contextId = answer.data.contextId as string;
    const got = await server.request(`/api/rest_j/v1/contextservice/getContextID?contextId=${contextId}`);
    const { data } = (await got.json()) as { data: { contextID: { user: string; source: string } } };
    expect(data.contextID.user).toBe("hadoop");
    expect(JSON.parse(data.contextID.source)).toMatchObject({ project: "cs_audit_project", flow: "flow1" });
  });

  it("setValue takes the serialized commonContextKeyValue (a CSTable, then a LinkisVariable)", async () => {
    ok(await send("03-setValue.http"));
    ok(await send("04-setValue.http"));
  });

  it("getContextValue answers a serialized contextValue holding the same CSTable text, byte for byte", async () => {
    const answer = await send("08-getContextValue.http");
    ok(answer);
    const value = readContextValue(answer.data.contextValue);
    const sent = sentValue("03-setValue.http").value;
    expect(value.type).toBe("CSTable");
    expect(value.valueText).toBe(sent.valueText);
    expect(value.value).toMatchObject({ name: "cs_tmp_sql_1_001", createTime: "2025-12-02T00:00:00+0000" });
    expect(value.keywords).toBe("cs_tmp_sql_1_001");
  });

  it("searchContextValue (Nearest, null currentNode) answers the key/value exactly as the client sent it", async () => {
    const answer = await send("11-searchContextValue.http");
    ok(answer);
    const list = answer.data.contextKeyValue as string[];
    expect(list).toHaveLength(1); // METADATA only: the LinkisVariable is OBJECT
    expect(list[0]).toBe(sentValue("03-setValue.http").text);
    expect(readKeyValue(list[0]).key).toEqual({
      key: "node.sql_1.table.cs_tmp_sql_1_001",
      contextType: "METADATA",
      contextScope: "PUBLIC",
      keywords: "cs_tmp_sql_1_001",
    });
  });

  it("onBindIDListener without a source binds; heartbeat of a never-bound source answers 200 and []", async () => {
    ok(await send("14-onBindIDListener.http"));
    const beat = await send("16-heartbeat.http");
    ok(beat);
    expect(beat.data.ContextKeyValueBean).toEqual([]);
  });

  it("createHistory / getHistories / removeHistory with a commonResourceHistory", async () => {
    ok(await send("17-createHistory.http"));
    const listed = await send("19-getHistories.http");
    ok(listed);
    const histories = listed.data.contextHistory as string[];
    expect(histories).toHaveLength(1);
    const history = linkisDeserialize(histories[0]);
    expect(history.type).toBe("commonResourceHistory");
    expect(history.json).toMatchObject({ source: "sql_1_resource", contextType: "RESOURCE" });
    expect(Number.isInteger(Number(history.json.id))).toBe(true);
    const sentHistory = linkisDeserialize(JSON.parse(readCapture("17-createHistory.http").body!).contextHistory);
    expect(history.json.resource).toBe(sentHistory.json.resource); // the linkisBMLResource, byte for byte
    ok(await send("23-removeHistory.http"));
    const after = await send("19-getHistories.http");
    ok(after);
    expect(after.data.contextHistory).toEqual([]);
  });

  it("searchContextIDByTime answers data.contextIDs with the context", async () => {
    const answer = await send("30-searchContextIDByTime.http");
    ok(answer);
    expect(answer.data.contextIDs).toContain(contextId);
  });

  it("clearAllContextByTime with null bounds answers an integer num", async () => {
    const answer = await send("33-clearAllContextByTime.http");
    ok(answer);
    expect(Number.isInteger(Number.parseInt(String(answer.data.num), 10))).toBe(true);
  });

  it("what the client wrote shows in the dashboard, and its table name finds it", async () => {
    // The context page: the context as the client created it and an entry of each type it wrote.
    const detail = await server.request(`/api/v1/contexts/${contextId}`);
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({
      context: { contextId, user: "hadoop" },
      entryCounts: { METADATA: 1, OBJECT: 1 },
    });
    // The whole value the page opens is the CSTable the client sent, field for field.
    const sent = sentValue("03-setValue.http");
    const value = await server.request(
      `/api/v1/contexts/${contextId}/value?type=METADATA&key=${encodeURIComponent(sent.key.key)}`,
    );
    expect(value.status).toBe(200);
    expect(await value.json()).toEqual({ value: JSON.parse(sent.value.valueText) });
    const entries = await server.request(`/api/v1/contexts/${contextId}/entries?type=METADATA`);
    expect(entries.status).toBe(200);
    const page = (await entries.json()) as { items: { key: string; valueType: string }[] };
    expect(page.items).toMatchObject([{ key: "node.sql_1.table.cs_tmp_sql_1_001", valueType: "CSTable" }]);
    const found = await server.request(`/api/v1/search?q=cs_tmp_sql_1_001&contextId=${contextId}`);
    const { items } = (await found.json()) as { items: { key: string }[] };
    expect(items.map((i) => i.key)).toContain("node.sql_1.table.cs_tmp_sql_1_001");
  });
});
