import { describe, expect, it } from "vitest";
import { ContextServiceClient, ContextServiceError } from "../../../client/index.ts";
import { withTestServer } from "../../support/with-test-server.ts";

/** The SDK's history and cleanup calls (seed 002's cs-client API) against a real server. */
const t = withTestServer();

describe("SDK history calls", () => {
  it("creates, reads, finds by keyword and removes a history", async () => {
    const { client } = t;
    const ctx = await client.createContext({ user: "sdk" });
    await client.createHistory(ctx, {
      source: "sql_1",
      contextType: "METADATA",
      keyword: "orders,daily",
      historyJson: { table: "t_orders", operation: "CREATE" },
    });
    await client.createHistory(ctx, { source: "sql_2", contextType: "DATA", historyJson: '{"rows":3}' });

    const all = await client.getHistories(ctx);
    expect(all.map((h) => h.source).sort()).toEqual(["sql_1", "sql_2"]);
    const one = await client.getHistory(ctx, "sql_1");
    expect(one).toMatchObject({ source: "sql_1", contextType: "METADATA" });
    expect(JSON.parse(one!.historyJson)).toEqual({ table: "t_orders", operation: "CREATE" });
    expect(await client.getHistory(ctx, "nobody")).toBeNull();
    expect((await client.searchHistory(ctx, ["daily"])).map((h) => h.source)).toEqual(["sql_1"]);

    await client.removeHistory(ctx, "sql_1");
    expect((await client.getHistories(ctx)).map((h) => h.source)).toEqual(["sql_2"]);
  });
});

describe("SDK cleanup calls", () => {
  it("searchHAIDByTime pages ids by create time; batchClearContextByHAID clears them and counts", async () => {
    const { client } = t;
    const start = new Date(Date.now() - 1000);
    const ids = [await client.createContext(), await client.createContext(), await client.createContext()];
    const end = new Date(Date.now() + 1000);
    const found = await client.searchHAIDByTime({ createTimeStart: start, createTimeEnd: end });
    expect(found).toEqual(expect.arrayContaining(ids));
    const page = await client.searchHAIDByTime(
      { createTimeStart: start, createTimeEnd: end },
      { pageNow: 1, pageSize: 1 },
    );
    expect(page).toHaveLength(1);
    expect(await client.searchHAIDByTime({ createTimeStart: start }, { pageNow: 0, pageSize: 0 })).toEqual(
      expect.arrayContaining(ids),
    );

    expect(await client.batchClearContextByHAID(ids.slice(0, 2))).toBe(2);
    const after = await client.searchHAIDByTime({ createTimeStart: start, createTimeEnd: end });
    expect(after).toContain(ids[2]);
    expect(after).not.toContain(ids[0]);
  });

  it("batchClearContextByTime clears what the bounds select and answers the count", async () => {
    const { client } = t;
    const createTime = async (id: string) => new Date(String((await client.getContext(id)).createTime));
    const before = await client.createContext();
    // The first context created strictly later than `before` (same-millisecond ones stay outside the bound).
    let first: string;
    do first = await client.createContext();
    while ((await createTime(first)) <= (await createTime(before)));
    const second = await client.createContext();
    expect(await client.batchClearContextByTime({ createTimeStart: await createTime(first) })).toBe(2);
    const left = await client.searchHAIDByTime({ createTimeStart: new Date(0) });
    expect(left).toContain(before);
    expect(left).not.toContain(first);
    expect(left).not.toContain(second);
  });

  it("refuses a viewer with ContextServiceError 403", async () => {
    const viewer = new ContextServiceClient({ baseUrl: t.server.baseUrl, token: t.server.viewerToken });
    const err = await viewer.batchClearContextByTime({ createTimeStart: new Date(0) }).catch((e) => e);
    expect(err).toBeInstanceOf(ContextServiceError);
    expect(err.httpStatus).toBe(403);
  });
});
