import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let id: string;
beforeAll(async () => {
  server = await startTestServer();
  id = (await server.linkis<{ contextId: string }>("createContextID", { contextID: { user: "u" } })).data.contextId;
});
afterAll(() => server.stop());

const entries = () => server.app.services.database.prisma.contextEntry.count();
const contexts = () => server.app.services.database.prisma.contextId.count();

/** Each was answered 500 before (and NUL stored on SQLite but 500 on PostgreSQL): now 400 naming the field. */
describe("inputs that used to answer 500", () => {
  it("refuses dates valid in JavaScript but past year 9999 or before year 1, naming the field", async () => {
    for (const t of ["+275760-09-13T00:00:00Z", "-271821-04-20T00:00:00Z"]) {
      const clear = await server.linkis("clearAllContextByTime", { createTimeStart: t, dryRun: true });
      expect(clear.http, t).toBe(400);
      expect(clear.message).toMatch(/^createTimeStart: .*out of range/);
      const before = await contexts();
      const create = await server.linkis("createContextID", { contextID: { user: "u", expireTime: t } });
      expect(create.http, t).toBe(400);
      expect(create.message).toMatch(/expireTime/);
      expect(await contexts()).toBe(before);
      const search = await server.request(
        `/api/rest_j/v1/contextservice/searchContextIDByTime?updateTimeEnd=${encodeURIComponent(t)}`,
      );
      expect(search.status).toBe(400);
    }
  });

  it("refuses JSON nested thousands of levels deep before doing any work", async () => {
    const deep = "[".repeat(4500) + "]".repeat(4500);
    const before = await entries();
    const r = await server.request("/api/rest_j/v1/contextservice/setValueByKey", {
      rawBody: `{"contextID":"${id}","contextKey":{"key":"deep","contextType":"DATA","contextScope":"PUBLIC"},"contextValue":{"value":${deep}}}`,
      headers: { "content-type": "application/json" },
    });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { message: string }).message).toMatch(/^body: nested deeper than 64 levels/);
    expect(await entries()).toBe(before);
  });

  it("refuses a deep value inside Linkis-serialized JSON text too", async () => {
    const inner = JSON.stringify({ value: JSON.parse("[".repeat(100) + "]".repeat(100)) });
    const r = await server.linkis("setValueByKey", {
      contextID: id,
      contextKey: { key: "deep2", contextType: "DATA", contextScope: "PUBLIC" },
      contextValue: JSON.stringify({ type: "contextValue", value: inner }),
    });
    expect(r.http).toBe(400);
    expect(r.message).toMatch(/contextValue.*nested deeper/);
  });

  it("refuses lone surrogates and NUL characters in keys, users and sources, the same on both databases", async () => {
    const before = await entries();
    for (const bad of ["\ud800", "a\u0000b", "\udc00x"]) {
      const set = await server.linkis("setValueByKey", {
        contextID: id,
        contextKey: { key: bad, contextType: "DATA", contextScope: "PUBLIC" },
        contextValue: { value: 1 },
      });
      expect(set.http, JSON.stringify(bad)).toBe(400);
      expect(set.message).toMatch(/^contextKey\.key: contains (a NUL|a lone UTF-16)/);
      const create = await server.linkis("createContextID", { contextID: { user: bad } });
      expect(create.http).toBe(400);
      expect(create.message).toMatch(/^contextID\.user: /);
      const bind = await server.linkis("onBindIDListener", { contextID: id, source: bad });
      expect(bind.http).toBe(400);
      expect(bind.message).toMatch(/^source: /);
      const value = await server.linkis("setValueByKey", {
        contextID: id,
        contextKey: { key: "ok", contextType: "DATA", contextScope: "PUBLIC" },
        contextValue: { value: { text: bad } },
      });
      expect(value.http).toBe(400);
      expect(value.message).toMatch(/^contextValue\.value\.text: /);
    }
    expect(await entries()).toBe(before);
    const q = await server.request(`/api/v1/contexts?user=a%00b`);
    expect(q.status).toBe(400);
    expect(((await q.json()) as { message: string }).message).toMatch(/^user: contains a NUL/);
  });

  it("refuses pageNow=9007199254740991", async () => {
    const r = await server.request(
      "/api/rest_j/v1/contextservice/searchContextIDByTime?createTimeStart=2020-01-01%2000:00:00&pageNow=9007199254740991",
    );
    expect(r.status).toBe(400);
    expect(((await r.json()) as { message: string }).message).toMatch(/^pageNow: /);
  });

  it("refuses a context id whose row number is past the INT column (500 on PostgreSQL before), the same on both", async () => {
    const big = "8-8--cs_1_devcs_1_dev999999999999999";
    for (const r of [
      await server.request(`/api/v1/contexts/${big}`),
      await server.request(`/api/rest_j/v1/contextservice/getContextID?contextId=${big}`),
      await server.request("/api/rest_j/v1/contextservice/getContextValue", {
        body: { contextID: { contextId: big }, contextKey: { key: "k", contextType: "DATA" } },
      }),
      await server.request("/api/rest_j/v1/contextservice/clearAllContextByID", { body: { idList: [big] } }),
    ]) {
      expect(r.status).toBe(400);
      expect(((await r.json()) as { message: string }).message).toMatch(/row number past 2147483647/);
    }
  });

  it("refuses edited cursors holding NUL, lone surrogates or numbers the database cannot take (500 before)", async () => {
    const cursor = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString("base64url");
    for (const path of [
      `/api/v1/contexts?cursor=${cursor(["createTime", "desc", 9007199254740991, 1])}`,
      `/api/v1/contexts?cursor=${cursor(["createTime", "desc", Date.now(), 2 ** 31])}`,
      `/api/v1/contexts/${id}/entries?cursor=${cursor(["DATA", "a\u0000"])}`,
      `/api/v1/contexts/${id}/entries?cursor=${cursor(["\ud800", "a"])}`,
      `/api/v1/search?q=k&cursor=${cursor(["DATA", 9007199254740991])}`,
      "/api/v1/audit?cursor=9007199254740991",
    ]) {
      const r = await server.request(path);
      expect(r.status, path).toBe(400);
      expect(((await r.json()) as { message: string }).message, path).toMatch(/^cursor: /);
    }
  });
});
