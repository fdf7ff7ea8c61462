import { DateTime } from "../format/date-time.tsx";
import { formatBytes } from "../format/format.ts";
import type { NodeRow } from "./nodes-schema.ts";

const n = (v: number) => v.toLocaleString("en-US");

/** How long before the answer a node last announced itself (both times from the server's side). */
const ago = (lastSeen: string, answeredAt: string) => {
  const s = Math.max(0, Math.round((Date.parse(answeredAt) - Date.parse(lastSeen)) / 1000));
  return s < 120 ? `${s} s ago` : `${Math.round(s / 60)} min ago`;
};

/**
 * One row per node. `compact` (the overview) keeps what tells whether a node is alive and busy;
 * the Nodes page adds where it runs, its version and its cache and heap figures.
 */
export function NodesTable({
  nodes,
  self,
  answeredAt,
  compact = false,
}: {
  nodes: NodeRow[];
  self: string;
  answeredAt: string;
  compact?: boolean;
}) {
  return (
    <div className="table-scroll">
      <table aria-label="Nodes">
        <thead>
          <tr>
            <th>Node</th>
            <th>Up since</th>
            <th>Last seen</th>
            <th>Cached contexts</th>
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
                <code>{node.id}</code>{" "}
                {node.id === self && (
                  <span className="tag" title="The node that answered this page">
                    this node
                  </span>
                )}
                {!compact && (
                  <div className="muted">
                    {node.address || "—"} · {node.version}
                  </div>
                )}
              </td>
              <td>
                <DateTime iso={node.startedAt} />
              </td>
              <td className="nowrap">{ago(node.lastSeen, answeredAt)}</td>
              <td>
                {n(node.cachedContexts)}
                {!compact && <span className="muted"> ({formatBytes(node.cacheBytes)})</span>}
              </td>
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
