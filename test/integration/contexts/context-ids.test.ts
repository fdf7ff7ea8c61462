import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const create = async (fields: Record<string, unknown> = {}) => {
  const r = await server.linkis<{ contextId: string }>("createContextID", {
    contextID: { user: "hadoop", application: "dss", ...fields },
  });
  expect(r.http).toBe(200);
  return r.data.contextId;
};

describe("context ids", () => {
  it("creates a context with a Linkis HA id and answers it with all fields and times", async () => {
    const r = await server.linkis<{ contextId: string }>("createContextID", {
      contextID: { user: "hadoop", application: "dss", source: "flow-1", expireType: "TODAY" },
    });
    expect(r).toMatchObject({ http: 200, status: 0, message: "OK", method: "/api/contextservice/createContextID" });
    expect(r.data.contextId).toMatch(/^8-8--cs_1_devcs_1_dev\d+$/);
    const res = await server.request(
      `/api/rest_j/v1/contextservice/getContextID?contextId=${encodeURIComponent(r.data.contextId)}`,
    );
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data.contextID).toMatchObject({
      contextId: r.data.contextId,
      user: "hadoop",
      application: "dss",
      source: "flow-1",
      expireType: "TODAY",
    });
    for (const t of ["createTime", "updateTime", "accessTime"])
      expect(new Date(data.contextID[t]).toISOString()).toBe(data.contextID[t]);
  });

  it("accepts the id as a string, an object, and a Linkis-serialized string", async () => {
    const id = await create();
    const serialized = JSON.stringify({
      type: "HAWorkFlowContextID",
      value: JSON.stringify({ contextId: id, user: "hadoop", version: "v1" }),
    });
    for (const contextID of [id, { contextId: id }, serialized]) {
      const r = await server.linkis("updateContextID", {
        contextID: typeof contextID === "string" && contextID.startsWith("{") ? contextID : contextID,
      });
      expect(r.http, JSON.stringify(contextID)).toBe(200);
    }
  });

  it("updates fields and the update time, not the create time", async () => {
    const id = await create();
    const before = (
      await server.linkis<{ contextID: Record<string, string> }>("updateContextID", { contextID: { contextId: id } })
    ).data.contextID;
    await new Promise((r) => setTimeout(r, 15));
    const r = await server.linkis<{ contextID: Record<string, string> }>("updateContextID", {
      contextID: { contextId: id, application: "spark", expireTime: "2030-01-02 03:04:05" },
    });
    expect(r.data.contextID.application).toBe("spark");
    expect(r.data.contextID.user).toBe("hadoop");
    expect(r.data.contextID.createTime).toBe(before.createTime);
    expect(r.data.contextID.updateTime > before.updateTime).toBe(true);
    expect(new Date(r.data.contextID.expireTime!).getFullYear()).toBe(2030);
  });

  it("resets a context: values gone, id kept", async () => {
    const id = await create();
    const key = { key: "k1", contextType: "DATA", contextScope: "PUBLIC" };
    await server.linkis("setValueByKey", { contextID: id, contextKey: key, contextValue: { value: 1 } });
    expect((await server.linkis("resetContextID", { contextID: id })).http).toBe(200);
    expect((await server.linkis("getContextValue", { contextID: id, contextKey: key })).data).toEqual({
      contextValue: null,
    });
    expect((await server.request(`/api/rest_j/v1/contextservice/getContextID?contextId=${id}`)).status).toBe(200);
  });

  it("removes a context and everything under it; afterwards it is unknown (404, status 1, named)", async () => {
    const id = await create();
    await server.linkis("setValueByKey", {
      contextID: id,
      contextKey: { key: "a", contextType: "ENV", contextScope: "PUBLIC" },
      contextValue: { value: "x" },
    });
    await server.linkis("createHistory", {
      contextID: id,
      contextHistory: { source: "s", contextType: "DATA", keyword: "k", historyJson: "{}" },
    });
    expect((await server.linkis("removeContextID", { contextID: id })).http).toBe(200);
    const r = await server.linkis("getContextValue", { contextID: id, contextKey: { key: "a", contextType: "ENV" } });
    expect(r).toMatchObject({ http: 404, status: 1, data: {} });
    expect(r.message).toContain(id);
    const db = server.app.services.database.prisma;
    const row = Number(/\d+$/.exec(id)![0]);
    expect(await db.contextEntry.count({ where: { contextId: row } })).toBe(0);
    expect(await db.contextHistory.count({ where: { contextId: row } })).toBe(0);
    expect(await db.contextKeyword.count({ where: { contextId: row } })).toBe(0);
  });

  it("answers 404 for an id of the right shape that does not exist, or of another instance", async () => {
    const id = await create();
    const row = /\d+$/.exec(id)![0];
    for (const other of ["8-8--cs_1_devcs_1_dev999999", `8-8--cs_9_devcs_1_dev${row}`]) {
      const res = await server.request(`/api/rest_j/v1/contextservice/getContextID?contextId=${other}`);
      expect(res.status).toBe(404);
      expect((await res.json()).message).toContain(other);
    }
  });

  it("answers 400 for a malformed id, naming the field", async () => {
    const r = await server.linkis("updateContextID", { contextID: "not-an-id" });
    expect(r).toMatchObject({ http: 400, status: 2, data: {} });
    expect(r.message).toMatch(/contextID/);
    const r2 = await server.linkis("updateContextID", {
      contextID: '{"type":"HAWorkFlowContextID","value":"{broken"}',
    });
    expect(r2).toMatchObject({ http: 400, status: 2 });
    expect(r2.message).toMatch(/contextID/);
    const r3 = await server.linkis("createContextID", { contextID: { expireType: "SOMETIMES" } });
    expect(r3.http).toBe(400);
    expect(r3.message).toMatch(/expireType/);
  });

  it("gives a TODAY context an expire time at the end of its day", async () => {
    const id = await create({ expireType: "TODAY" });
    const { data } = await (await server.request(`/api/rest_j/v1/contextservice/getContextID?contextId=${id}`)).json();
    const expire = new Date(data.contextID.expireTime);
    const endOfToday = new Date();
    endOfToday.setHours(23, 59, 59, 999);
    expect(expire.getTime()).toBe(endOfToday.getTime());
  });

  it("answers 400 for a bad expire time", async () => {
    const r = await server.linkis("createContextID", { contextID: { expireTime: "2026-02-30 10:00:00" } });
    expect(r.http).toBe(400);
    expect(r.message).toMatch(/expireTime/);
  });

  it("refuses writes by a viewer (403) but lets it read", async () => {
    const id = await create();
    const w = await server.linkis("createContextID", { contextID: {} }, server.viewerToken);
    expect(w).toMatchObject({ http: 403, status: 3 });
    expect(w.message).toMatch(/admin/);
    const res = await server.request(`/api/rest_j/v1/contextservice/getContextID?contextId=${id}`, {
      token: server.viewerToken,
    });
    expect(res.status).toBe(200);
  });
});
