"use client";

import { formatBytes } from "../format/format.ts";
import { Stat } from "../layout/stat.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { NodesTable } from "./nodes-table.tsx";
import { RegistryNote } from "./registry-note.tsx";
import { useNodes } from "./use-nodes.ts";

const n = (v: number) => v.toLocaleString("en-US");

/** The Nodes page: the cluster's sums, then every node with its figures. */
export function NodesView() {
  const query = useNodes();
  if (!query.data) return <QueryStatus query={query} what="the nodes" />;
  const { cluster, nodes, node, registry } = query.data;
  return (
    <>
      <div className="grid" data-testid="cluster-figures">
        <Stat label="Nodes" value={n(cluster.nodes)} />
        <Stat label="Cached contexts" value={`${n(cluster.cachedContexts)} (${formatBytes(cluster.cacheBytes)})`} />
        <Stat
          label="Hit ratio"
          value={
            cluster.hitRatio === null
              ? "—"
              : `${(cluster.hitRatio * 100).toFixed(1)}% of ${n(cluster.hits + cluster.misses)}`
          }
        />
        <Stat label="Live subscribers" value={n(cluster.liveSubscribers)} />
        <Stat label="Heartbeat clients" value={n(cluster.heartbeatClients)} />
      </div>
      <RegistryNote registry={registry} />
      <NodesTable nodes={nodes} self={node} answeredAt={query.data.time} />
    </>
  );
}
