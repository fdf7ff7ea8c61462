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

/** The sums over every listed node, for cluster-wide figures. */
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
    heartbeatClients: sum((n) => n.heartbeatClients),
  };
}

export type ClusterTotals = ReturnType<typeof clusterTotals>;
