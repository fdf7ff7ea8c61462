import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe("audit of clears", () => {
  it("keeps the public ids as the admin gave them, and how many, never internal row ids", async () => {
    const id = (await server.linkis<{ contextId: string }>("createContextID", { contextID: { user: "u" } })).data
      .contextId;
    const missing = "8-8--cs_1_devcs_1_dev999999";
    const r = await server.linkis("clearAllContextByID", { idList: [id, missing] });
    expect(r.http).toBe(200);
    const { items } = (await (await server.request("/api/v1/audit?limit=1")).json()) as {
      items: { action: string; count: number; criteria: Record<string, unknown> }[];
    };
    // Before: criteria was {"kind":"ids","rowIds":[1]}.
    expect(items[0]).toMatchObject({ action: "clearAllContextByID", count: 1 });
    expect(items[0]!.criteria).toEqual({ kind: "ids", idList: [id, missing], asked: 2 });
  });
});
