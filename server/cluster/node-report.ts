/** What a node measures of itself when it announces: the figures the nodes view shows. */
export interface NodeFigures {
  cachedContexts: number;
  cacheBytes: number;
  hits: number;
  misses: number;
  liveSubscribers: number;
  heartbeatClients: number;
  heapUsed: number;
}

/** One node as the registry lists it. Times are ISO 8601. */
export interface NodeReport extends NodeFigures {
  id: string;
  /** Where the node listens (`http://host:port`), as it announces itself. */
  address: string;
  version: string;
  /** When the node started. */
  startedAt: string;
  /** When the node last announced itself (for the answering node: now). */
  lastSeen: string;
}

/** The cluster-wide figures: sums over every listed node (heartbeat clients excepted). */
export function clusterTotals(nodes: readonly NodeReport[]) {
  const sum = (pick: (n: NodeReport) => number) => nodes.reduce((total, n) => total + pick(n), 0);
  const hits = sum((n) => n.hits);
  const misses = sum((n) => n.misses);
  return {
    nodes: nodes.length,
    cachedContexts: sum((n) => n.cachedContexts),
    cacheBytes: sum((n) => n.cacheBytes),
    hits,
    misses,
    // null, not 0, before the first lookup anywhere: there is no ratio yet.
    hitRatio: hits + misses > 0 ? Number((hits / (hits + misses)).toFixed(4)) : null,
    liveSubscribers: sum((n) => n.liveSubscribers),
    // Heartbeat clients live in the database in cluster mode, served by any node: every node
    // counts the same clients, so the cluster has as many as the latest count, not their sum.
    heartbeatClients: Math.max(0, ...nodes.map((n) => n.heartbeatClients)),
  };
}

export type ClusterTotals = ReturnType<typeof clusterTotals>;
