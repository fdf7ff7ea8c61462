import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

interface HistoryAnswer {
  range: string;
  from: string;
  to: string;
  sampleMs: number;
  points: { time: string; bytes: number; contexts: number; hits: number; hitRatio: number | null }[];
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ METRICS_HISTORY_SAMPLE_MS: "1000" });
});
afterAll(() => server?.stop());

const history = async (query = "") => {
  const res = await server.request(`/api/v1/metrics/history${query}`);
  return { status: res.status, body: (await res.json()) as HistoryAnswer };
};

describe("GET /api/v1/metrics/history", () => {
  it("answers the server's samples for the range, so a reloaded page sees the same history", async () => {
    const { data } = await server.linkis<{ contextId: string }>("createContextID", { contextID: { user: "hist" } });
    const key = { key: "k", contextType: "DATA", contextScope: "PUBLIC" };
    await server.linkis("setValueByKey", { contextID: data.contextId, contextKey: key, contextValue: { value: "v" } });
    await server.linkis("getContextValue", { contextID: data.contextId, contextKey: key });
    server.app.services.metricsHistory.sample();

    const { status, body } = await history("?range=5m");
    expect(status).toBe(200);
    expect(body.range).toBe("5m");
    expect(body.sampleMs).toBe(1000);
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(5 * 60_000);
    expect(body.points.length).toBeGreaterThanOrEqual(2);
    const last = body.points.at(-1)!;
    expect(last.contexts).toBeGreaterThanOrEqual(1);
    expect(last.bytes).toBeGreaterThan(0);
    expect(body.points.reduce((n, p) => n + p.hits, 0)).toBeGreaterThanOrEqual(1);
    for (const p of body.points) expect(Date.parse(p.time)).toBeGreaterThanOrEqual(Date.parse(body.from));
    // The same server asked again answers the samples it already had: the history is not per page.
    const again = await history("?range=5m");
    expect(again.body.points.slice(0, body.points.length - 1).map((p) => p.time)).toEqual(
      body.points.slice(0, -1).map((p) => p.time),
    );
  });

  it("merges samples into at most the asked number of points", async () => {
    for (let i = 0; i < 30; i++) server.app.services.metricsHistory.sample();
    const { body } = await history("?range=1h&points=10");
    expect(body.points.length).toBeLessThanOrEqual(10);
    expect(body.points.length).toBeGreaterThanOrEqual(3);
  });

  it("refuses an unknown range or an out-of-bounds point count with 400, naming the field", async () => {
    for (const query of ["?range=7d", "?points=5", "?points=abc", "?points=99999"]) {
      const { status, body } = await history(query);
      expect(status, query).toBe(400);
      expect(JSON.stringify(body), query).toMatch(/range|points/);
    }
  });
});
