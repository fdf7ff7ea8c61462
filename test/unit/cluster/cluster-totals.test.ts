import { describe, expect, it } from "vitest";
import { clusterTotals, type NodeReport } from "../../../server/cluster/node-report.ts";

const node = (id: string, figures: Partial<NodeReport>): NodeReport => ({
  id,
  address: `http://${id}:1`,
  version: "1",
  startedAt: "2026-01-01T00:00:00.000Z",
  lastSeen: "2026-01-01T00:00:05.000Z",
  cachedContexts: 0,
  cacheBytes: 0,
  hits: 0,
  misses: 0,
  liveSubscribers: 0,
  heartbeatClients: 0,
  heapUsed: 0,
  ...figures,
});

describe("the cluster's figures", () => {
  it("sums what each node holds, but counts the shared heartbeat clients once", () => {
    const totals = clusterTotals([
      node("a", { cachedContexts: 3, cacheBytes: 300, hits: 6, misses: 2, liveSubscribers: 1, heartbeatClients: 4 }),
      node("b", { cachedContexts: 2, cacheBytes: 200, hits: 2, misses: 0, liveSubscribers: 5, heartbeatClients: 4 }),
    ]);
    expect(totals).toEqual({
      nodes: 2,
      cachedContexts: 5,
      cacheBytes: 500,
      hits: 8,
      misses: 2,
      hitRatio: 0.8,
      liveSubscribers: 6,
      heartbeatClients: 4,
    });
  });

  it("has no hit ratio before the first lookup", () => {
    expect(clusterTotals([node("a", {})]).hitRatio).toBeNull();
  });
});
