import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allPages, createContext, getJson, setValue } from "../../support/dashboard-api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let id: string;
beforeAll(async () => {
  server = await startTestServer();
  ({ id } = await createContext(server, { user: "u" }));
  // 130 entries: node.sql_<n>.table.t_<n> (DATA), plus a few whose keys hold LIKE's wildcards.
  for (let n = 0; n < 130; n++)
    await setValue(server, id, { key: `node.sql_${n}.table.T_Orders_${n}`, contextType: "DATA" }, { value: n });
  await setValue(server, id, { key: "rate_100%", contextType: "ENV" }, { value: 1 });
  await setValue(server, id, { key: "rate_1000", contextType: "ENV" }, { value: 2 });
  await setValue(server, id, { key: "ratex100y", contextType: "ENV" }, { value: 3 });
});
afterAll(() => server.stop());

const keys = async (query: string) =>
  (await allPages<{ key: string }>(server, `/api/v1/contexts/${encodeURIComponent(id)}/entries?${query}`)).flatMap(
    (p) => p.items.map((e) => e.key),
  );

describe("GET /api/v1/contexts/:id/entries?keyContains=", () => {
  it("keeps the entries whose key holds the text, ignoring case, in key order", async () => {
    const twelves = [12, ...Array.from({ length: 10 }, (_, i) => 120 + i)];
    expect(await keys("keyContains=ORDERS_12")).toEqual(twelves.map((n) => `node.sql_${n}.table.T_Orders_${n}`));
  });

  it("pages the matches with the cursor, within one type", async () => {
    const all = await keys("type=DATA&keyContains=t_orders&limit=7");
    expect(all).toHaveLength(130);
    expect(new Set(all).size).toBe(130);
    expect(await keys("type=ENV&keyContains=t_orders")).toEqual([]);
  });

  it("takes % and _ literally", async () => {
    expect(await keys("keyContains=100%25")).toEqual(["rate_100%"]);
    expect(await keys("keyContains=e_1")).toEqual(["rate_100%", "rate_1000"]);
  });

  it("refuses a NUL in the filter before the database sees it (PostgreSQL fails on one)", async () => {
    const res = await getJson(server, `/api/v1/contexts/${encodeURIComponent(id)}/entries?keyContains=a%00`);
    expect(res.http).toBe(400);
  });

  it("refuses a filter longer than 256 characters", async () => {
    const res = await getJson(
      server,
      `/api/v1/contexts/${encodeURIComponent(id)}/entries?keyContains=${"k".repeat(257)}`,
    );
    expect(res.http).toBe(400);
    expect(JSON.stringify(res.body)).toContain("keyContains");
  });
});
