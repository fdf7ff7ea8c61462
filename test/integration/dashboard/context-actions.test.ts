import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext, getJson, setValue } from "../../support/dashboard-api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

type AuditLine = { actor: string; action: string; criteria: Record<string, unknown>; count: number; outcome: string };
type Answer = { status?: number; message?: string; removed?: number; updateTime?: string };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const action = async (id: string, name: string, body: unknown = {}, token?: string | null) => {
  const res = await server.request(`/api/v1/contexts/${encodeURIComponent(id)}/${name}`, { body, token });
  return { http: res.status, body: (await res.json()) as Answer };
};

const lastAudit = async () => (await getJson<{ items: AuditLine[] }>(server, "/api/v1/audit?limit=1")).body.items[0]!;

const getValue = async (id: string, contextType: string, key: string) =>
  (
    await server.linkis<{ contextValue: { value: unknown; keywords: string[] } | null }>("getContextValue", {
      contextID: id,
      contextKey: { key, contextType, contextScope: "PUBLIC" },
    })
  ).data.contextValue;

describe("POST /api/v1/contexts/:id/reset and /remove", () => {
  it("reset removes every value and keeps the id; remove deletes the id; both are audited", async () => {
    const { id } = await createContext(server, { user: "ops" });
    await setValue(server, id, { key: "a", contextType: "DATA" }, { value: 1 });
    await setValue(server, id, { key: "b", contextType: "ENV" }, { value: 2 });

    const reset = await action(id, "reset");
    expect(reset).toEqual({ http: 200, body: { removed: 2 } });
    expect((await getJson<{ entryCounts: object }>(server, `/api/v1/contexts/${id}`)).body.entryCounts).toEqual({});
    expect(await lastAudit()).toMatchObject({
      actor: "admin",
      action: "resetContextID",
      criteria: { contextId: id },
      count: 2,
      outcome: "ok",
    });

    const removed = await action(id, "remove");
    expect(removed).toEqual({ http: 200, body: { removed: 1 } });
    expect((await getJson(server, `/api/v1/contexts/${id}`)).http).toBe(404);
    expect(await lastAudit()).toMatchObject({ action: "removeContextID", criteria: { contextId: id }, outcome: "ok" });
  });

  it("answers 404 naming an unknown id (audited as refused) and 400 for a malformed one", async () => {
    const unknown = "8-8--cs_1_devcs_1_dev999999";
    const answer = await action(unknown, "remove");
    expect(answer.http).toBe(404);
    expect(answer.body).toMatchObject({ status: 1 });
    expect(answer.body.message).toContain(unknown);
    expect(await lastAudit()).toMatchObject({ action: "removeContextID", outcome: "refused", count: 0 });
    const bad = await action("not-an-id", "reset");
    expect(bad.http).toBe(400);
    expect(bad.body.message).toMatch(/not a context id/);
  });
});

describe("POST /api/v1/contexts/:id/value and /value/remove", () => {
  it("an edit replaces the value and keeps the entry's scope and keywords", async () => {
    const { id } = await createContext(server);
    await setValue(
      server,
      id,
      { key: "orders", contextType: "METADATA", contextScope: "PRIVATE", keywords: ["k1"] },
      { value: { n: 1 }, keywords: ["v1"] },
    );
    const edit = await action(id, "value", { type: "METADATA", key: "orders", value: { n: 2, list: [1, 2] } });
    expect(edit.http, edit.body.message).toBe(200);
    expect(edit.body.updateTime).toMatch(/^\d{4}-/);
    const value = await getValue(id, "METADATA", "orders");
    expect(value?.value).toEqual({ n: 2, list: [1, 2] });
    expect(value?.keywords).toEqual(["v1"]);
    const entries = await getJson<{ items: { contextScope: string; keyKeywords: string[] }[] }>(
      server,
      `/api/v1/contexts/${id}/entries?type=METADATA&key=orders`,
    );
    expect(entries.body.items[0]).toMatchObject({ contextScope: "PRIVATE", keyKeywords: ["k1"] });
    expect(await lastAudit()).toMatchObject({
      action: "setValue",
      criteria: { contextId: id, contextType: "METADATA", key: "orders" },
      count: 1,
      outcome: "ok",
    });

    // null is a value like any other; a missing value is an error.
    expect((await action(id, "value", { type: "METADATA", key: "orders", value: null })).http).toBe(200);
    expect((await getValue(id, "METADATA", "orders"))?.value).toBeNull();
    const missing = await action(id, "value", { type: "METADATA", key: "orders" });
    expect(missing.http).toBe(400);
    expect(missing.body.message).toMatch(/^value: /);
  });

  it("refuses to edit an entry that does not exist, and bad types or keys, losing nothing", async () => {
    const { id } = await createContext(server);
    await setValue(server, id, { key: "k", contextType: "DATA" }, { value: "kept" });
    const absent = await action(id, "value", { type: "DATA", key: "other", value: 1 });
    expect(absent.http).toBe(404);
    expect(absent.body.message).toContain('"other"');
    const badType = await action(id, "value", { type: "NOPE", key: "k", value: 1 });
    expect(badType.http).toBe(400);
    expect(badType.body.message).toMatch(/^type: /);
    expect((await action(id, "value", { type: "DATA", key: "", value: 1 })).http).toBe(400);
    expect((await getValue(id, "DATA", "k"))?.value).toBe("kept");
  });

  it("removes one value, and answers 404 when there is none", async () => {
    const { id } = await createContext(server);
    await setValue(server, id, { key: "gone", contextType: "DATA" }, { value: 1 });
    await setValue(server, id, { key: "stays", contextType: "DATA" }, { value: 2 });
    expect(await action(id, "value/remove", { type: "DATA", key: "gone" })).toEqual({
      http: 200,
      body: { removed: 1 },
    });
    expect(await getValue(id, "DATA", "gone")).toBeNull();
    expect((await getValue(id, "DATA", "stays"))?.value).toBe(2);
    expect(await lastAudit()).toMatchObject({ action: "removeValue", criteria: { key: "gone" }, outcome: "ok" });
    expect((await action(id, "value/remove", { type: "DATA", key: "gone" })).http).toBe(404);
  });
});

describe("who may act", () => {
  it("refuses a viewer (403) and a caller without credentials (401), and changes nothing", async () => {
    const { id } = await createContext(server);
    await setValue(server, id, { key: "k", contextType: "DATA" }, { value: "kept" });
    for (const [name, body] of [
      ["reset", {}],
      ["remove", {}],
      ["value", { type: "DATA", key: "k", value: 9 }],
      ["value/remove", { type: "DATA", key: "k" }],
    ] as const) {
      const viewer = await action(id, name, body, server.viewerToken);
      expect(viewer.http, name).toBe(403);
      expect(viewer.body).toMatchObject({ status: 3 });
      expect((await action(id, name, body, null)).http, name).toBe(401);
    }
    expect((await getValue(id, "DATA", "k"))?.value).toBe("kept");
  });
});
