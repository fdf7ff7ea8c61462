import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

type History = { source: string; contextType: string; keyword: string | null; historyJson: string };

describe("history", () => {
  it("creates, lists, gets, searches and removes history records", async () => {
    const id = (await server.linkis<{ contextId: string }>("createContextID", { contextID: {} })).data.contextId;
    const h = (source: string, keyword: string) => ({
      contextID: id,
      contextHistory: { source, contextType: "DATA", keyword, historyJson: JSON.stringify({ from: source }) },
    });
    expect((await server.linkis("createHistory", h("node-a", "sales,2026"))).http).toBe(200);
    expect((await server.linkis("createHistory", h("node-b", "costs"))).http).toBe(200);
    expect((await server.linkis("createHistory", h("node-a", "sales,2027"))).http).toBe(200); // same source: replaced

    const all = await server.linkis<{ contextHistory: History[] }>("getHistories", { contextID: id });
    expect(all.data.contextHistory.map((x) => [x.source, x.keyword])).toEqual([
      ["node-a", "sales,2027"],
      ["node-b", "costs"],
    ]);
    const one = await server.linkis<{ contextHistory: History | null }>("getHistory", {
      contextID: id,
      source: "node-b",
    });
    expect(one.data.contextHistory).toMatchObject({
      source: "node-b",
      contextType: "DATA",
      historyJson: '{"from":"node-b"}',
    });
    expect(
      (await server.linkis<{ contextHistory: History | null }>("getHistory", { contextID: id, source: "none" })).data
        .contextHistory,
    ).toBeNull();

    const found = await server.linkis<{ contextHistory: History[] }>("searchHistory", {
      contextID: id,
      keywords: ["2027", "nothing"],
    });
    expect(found.data.contextHistory.map((x) => x.source)).toEqual(["node-a"]);
    const foundCsv = await server.linkis<{ contextHistory: History[] }>("searchHistory", {
      contextID: id,
      keywords: "costs,sales",
    });
    expect(foundCsv.data.contextHistory.map((x) => x.source)).toEqual(["node-a", "node-b"]);

    expect((await server.linkis("removeHistory", { contextID: id, contextHistory: { source: "node-a" } })).http).toBe(
      200,
    );
    const after = await server.linkis<{ contextHistory: History[] }>("getHistories", { contextID: id });
    expect(after.data.contextHistory.map((x) => x.source)).toEqual(["node-b"]);
  });

  it("refuses bad history input and unknown contexts", async () => {
    const id = (await server.linkis<{ contextId: string }>("createContextID", { contextID: {} })).data.contextId;
    const noSource = await server.linkis("createHistory", {
      contextID: id,
      contextHistory: { contextType: "DATA", historyJson: "{}" },
    });
    expect(noSource).toMatchObject({ http: 400, status: 2 });
    expect(noSource.message).toMatch(/contextHistory\.source/);
    const noKeywords = await server.linkis("searchHistory", { contextID: id, keywords: [] });
    expect(noKeywords.http).toBe(400);
    const unknown = await server.linkis("getHistories", { contextID: "8-8--cs_1_devcs_1_dev987654" });
    expect(unknown).toMatchObject({ http: 404, status: 1 });
  });
});
