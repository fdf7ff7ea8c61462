import { DateTime } from "../format/date-time.tsx";
import { formatBytes } from "../format/format.ts";
import { DataTable, type Column } from "../table/data-table.tsx";
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
  const columns: (Column<NodeRow> & { full?: boolean })[] = [
    {
      header: "Node",
      cell: (node) => (
        <>
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
        </>
      ),
    },
    { header: "Up since", cell: (node) => <DateTime iso={node.startedAt} /> },
    { header: "Last seen", className: "nowrap", cell: (node) => ago(node.lastSeen, answeredAt) },
    {
      header: "Cached contexts",
      cell: (node) => (
        <>
          {n(node.cachedContexts)}
          {!compact && <span className="muted"> ({formatBytes(node.cacheBytes)})</span>}
        </>
      ),
    },
    { header: "Hits / misses", full: true, cell: (node) => `${n(node.hits)} / ${n(node.misses)}` },
    { header: "Live subscribers", cell: (node) => n(node.liveSubscribers) },
    { header: "Heartbeat clients", cell: (node) => n(node.heartbeatClients) },
    { header: "Heap", full: true, cell: (node) => formatBytes(node.heapUsed) },
  ];
  return (
    <DataTable
      label="Nodes"
      columns={compact ? columns.filter((c) => !c.full) : columns}
      rows={nodes}
      rowKey={(node) => node.id}
    />
  );
}
