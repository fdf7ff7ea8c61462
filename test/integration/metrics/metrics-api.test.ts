import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

type Figures = { count: number; bytes: number };
type Top = { contextId: string; bytes: number; accessCount: number; entries: number }[];
interface Metrics {
  time: string;
  cache: {
    contexts: number;
    maxContexts: number;
    bytes: number;
    maxBytes: number;
    hits: number;
    misses: number;
    hitRatio: number;
    loads: number;
    evictions: Record<"count" | "bytes" | "pressure" | "explicit", Figures>;
    heap: { used: number; limit: number };
    autoClear: { runs: number; highWatermark: number; lowWatermark: number };
  };
  top: { byBytes: Top; byAccesses: Top };
  node: string;
  registry: string;
  nodes: { id: string; address: string; cachedContexts: number; liveSubscribers: number }[];
  cluster: { nodes: number; cachedContexts: number; hits: number; misses: number };
}

let server: TestServer;
const ids: string[] = [];

const key = (k: string) => ({ key: k, contextType: "DATA", contextScope: "PUBLIC" });
const metrics = async (query = "") => (await (await server.request(`/api/v1/metrics${query}`)).json()) as Metrics;

beforeAll(async () => {
  server = await startTestServer({ CACHE_MAX_CONTEXTS: "4" });
  // Context i holds i values of 2 KB: bytes grow with i.
  for (let i = 1; i <= 6; i++) {
    const { data } = await server.linkis<{ contextId: string }>("createContextID", {
      contextID: { user: "metrics", application: "test" },
    });
    ids.push(data.contextId);
    for (let j = 0; j < i; j++)
      await server.linkis("setValueByKey", {
        contextID: data.contextId,
        contextKey: key(`k${j}`),
        contextValue: { value: "v".repeat(2000) },
      });
  }
});
afterAll(() => server?.stop());

describe("GET /api/v1/metrics", () => {
  it("reports contexts and bytes against their budgets, and evictions by reason with their bytes", async () => {
    const m = await metrics();
    expect(m.cache.maxContexts).toBe(4);
    expect(m.cache.contexts).toBe(4);
    expect(m.cache.maxBytes).toBe(server.app.services.config.CACHE_MAX_BYTES);
    expect(m.cache.bytes).toBeGreaterThan(4 * 2000);
    // Six contexts through a cache of four: the two least recently used left for "count".
    expect(m.cache.evictions.count.count).toBe(2);
    expect(m.cache.evictions.count.bytes).toBeGreaterThan(3 * 2000);
    expect(m.cache.evictions.pressure).toEqual({ count: 0, bytes: 0 });
    expect(m.cache.heap.used).toBeGreaterThan(0);
    expect(m.cache.heap.limit).toBeGreaterThan(m.cache.heap.used);
    expect(m.cache.autoClear).toMatchObject({ runs: 0, highWatermark: 0.75, lowWatermark: 0.6 });
  });

  it("lists the top contexts by bytes and by accesses with their public ids", async () => {
    for (let n = 0; n < 5; n++) await server.linkis("getContextValue", { contextID: ids[3], contextKey: key("k0") });
    const m = await metrics("?top=3");
    expect(m.top.byBytes.map((t) => t.contextId)).toEqual([ids[5], ids[4], ids[3]]);
    expect(m.top.byBytes[0]!.entries).toBe(6);
    expect(m.top.byBytes[0]!.bytes).toBeGreaterThan(m.top.byBytes[1]!.bytes);
    expect(m.top.byAccesses[0]!.contextId).toBe(ids[3]);
    expect(m.top.byAccesses).toHaveLength(3);
    expect((await metrics()).top.byBytes).toHaveLength(4);
  });

  it("counts hits, misses and loads: reading an evicted context loads it back with its values", async () => {
    const before = (await metrics()).cache;
    const { data } = await server.linkis<{ contextValue: { value: string } }>("getContextValue", {
      contextID: ids[0],
      contextKey: key("k0"),
    });
    expect(data.contextValue.value).toBe("v".repeat(2000));
    await server.linkis("getContextValue", { contextID: ids[0], contextKey: key("k0") });
    const after = (await metrics()).cache;
    expect(after.misses).toBe(before.misses + 1);
    expect(after.loads).toBe(before.loads + 1);
    expect(after.hits).toBe(before.hits + 1);
    expect(after.hitRatio).toBeCloseTo(after.hits / (after.hits + after.misses), 3);
    expect(after.evictions.count.count).toBe(before.evictions.count.count + 1);
  });

  it("shows a cached context's metrics in GET /api/v1/contexts/:id", async () => {
    const res = await server.request(`/api/v1/contexts/${ids[5]}`);
    const detail = (await res.json()) as {
      metrics: {
        bytes: number;
        entries: number;
        entriesByType: Record<string, number>;
        accessCount: number;
        misses: number;
      } | null;
    };
    expect(detail.metrics).toMatchObject({ entries: 6, entriesByType: { DATA: 6 } });
    expect(detail.metrics!.bytes).toBeGreaterThan(6 * 2000);
  });

  it("answers a viewer, refuses no token (401) and a top past 100 (400)", async () => {
    expect((await server.request("/api/v1/metrics", { token: server.viewerToken })).status).toBe(200);
    expect((await server.request("/api/v1/metrics", { token: null })).status).toBe(401);
    const res = await server.request("/api/v1/metrics?top=101");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/^top:/);
  });
});

describe("one process as the service's only node", () => {
  it("lists itself in /api/v1/nodes and /api/v1/metrics, with the cluster's sums equal to its own figures", async () => {
    const answer = (await (await server.request("/api/v1/nodes", { token: server.viewerToken })).json()) as Omit<
      Metrics,
      "cache" | "top" | "time"
    >;
    const m = await metrics();
    expect(answer.registry).toBe("local");
    expect(answer.nodes).toEqual([
      expect.objectContaining({
        id: answer.node,
        address: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        version: expect.any(String),
        startedAt: expect.any(String),
        lastSeen: expect.any(String),
        cachedContexts: m.cache.contexts,
        liveSubscribers: 0,
        heartbeatClients: 0,
      }),
    ]);
    expect(new URL(answer.nodes[0]!.address).port).toBe(new URL(server.baseUrl).port);
    expect(m).toMatchObject({ node: answer.node, registry: "local", nodes: [{ id: answer.node }] });
    expect(m.cluster).toMatchObject({ nodes: 1, cachedContexts: m.cache.contexts });
    expect(m.cluster.hits + m.cluster.misses).toBeGreaterThan(0);
  });
});

describe("GET /metrics (Prometheus)", () => {
  it("needs a token, then answers the cache's figures in the text format", async () => {
    const refused = await server.request("/metrics", { token: null });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ status: -1, data: {} });

    const res = await server.request("/metrics", { token: server.viewerToken });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const m = await metrics();
    // Every figure carries this node's id as its `node` label, beside any label of its own.
    const value = (name: string) => {
      const [metric, labels] = name.split("{");
      const wanted = [`node="${m.node}"`, ...(labels ? [labels.slice(0, -1)] : [])];
      const line = text
        .split("\n")
        .find((l) => l.startsWith(`${metric}{`) && wanted.every((w) => l.slice(0, l.indexOf("}")).includes(w)));
      return Number(line?.split(" ")[1]);
    };
    expect(text).toContain("# TYPE contextservice_cache_hits_total counter");
    expect(value("contextservice_cache_contexts")).toBe(m.cache.contexts);
    expect(value("contextservice_cache_max_bytes")).toBe(m.cache.maxBytes);
    expect(value('contextservice_cache_evictions_total{reason="count"}')).toBe(m.cache.evictions.count.count);
    expect(value('contextservice_cache_evicted_bytes_total{reason="count"}')).toBe(m.cache.evictions.count.bytes);
    expect(value("contextservice_cache_loads_total")).toBe(m.cache.loads);
    expect(value("contextservice_autoclear_runs_total")).toBe(0);
    // The cluster's members as the registry lists them: one process is the only one.
    expect(value("contextservice_cluster_nodes")).toBe(1);
    expect(value(`contextservice_cluster_member_cached_contexts{member="${m.node}"}`)).toBe(m.cache.contexts);
  });

  it("is open with METRICS_PUBLIC=1", async () => {
    const open = await startTestServer({ METRICS_PUBLIC: "1" });
    try {
      const res = await open.request("/metrics", { token: null });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("contextservice_cache_bytes ");
      // The JSON read API still needs a login.
      expect((await open.request("/api/v1/metrics", { token: null })).status).toBe(401);
    } finally {
      await open.stop();
    }
  });
});
