import { formatBytes, formatTime } from "../format/format.ts";
import type { NodeRow } from "./nodes-schema.ts";

const n = (v: number) => v.toLocaleString("en-US");

/**
 * One row per node. `compact` (the overview) keeps what tells whether a node is alive and busy;
 * the Nodes page adds where it runs and its cache and heap figures.
 */
export function NodesTable({ nodes, self, compact = false }: { nodes: NodeRow[]; self: string; compact?: boolean }) {
  return (
    <div className="table-scroll">
      <table aria-label="Nodes">
        <thead>
          <tr>
            <th>Node</th>
            {!compact && <th>Address</th>}
            {!compact && <th>Version</th>}
            <th>Up since</th>
            <th>Last seen</th>
            <th>Cached contexts</th>
            {!compact && <th>Cache</th>}
            {!compact && <th>Hits / misses</th>}
            <th>Live subscribers</th>
            <th>Heartbeat clients</th>
            {!compact && <th>Heap</th>}
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => (
            <tr key={node.id}>
              <td>
                <code>{node.id}</code>
                {node.id === self && (
                  <span className="tag" title="The node that answered this page">
                    this node
                  </span>
                )}
              </td>
              {!compact && <td>{node.address || "—"}</td>}
              {!compact && <td>{node.version}</td>}
              <td>{formatTime(node.startedAt)}</td>
              <td>{formatTime(node.lastSeen)}</td>
              <td>{n(node.cachedContexts)}</td>
              {!compact && <td>{formatBytes(node.cacheBytes)}</td>}
              {!compact && (
                <td>
                  {n(node.hits)} / {n(node.misses)}
                </td>
              )}
              <td>{n(node.liveSubscribers)}</td>
              <td>{n(node.heartbeatClients)}</td>
              {!compact && <td>{formatBytes(node.heapUsed)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
