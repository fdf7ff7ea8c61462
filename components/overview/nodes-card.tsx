"use client";

import Link from "next/link";
import { NodesTable } from "../nodes/nodes-table.tsx";
import { useNodes } from "../nodes/use-nodes.ts";
import { QueryStatus } from "../query/query-status.tsx";

/** The overview's nodes: who serves, since when, last heard from; the Nodes page has the rest. */
export function NodesCard() {
  const query = useNodes();
  return (
    <section aria-labelledby="nodes-heading">
      <h2 id="nodes-heading">Nodes{query.data ? ` (${query.data.nodes.length})` : ""}</h2>
      {query.data ? (
        <>
          <NodesTable nodes={query.data.nodes} self={query.data.node} answeredAt={query.data.time} compact />
          <p className="muted">
            <Link href="/nodes">Every node&apos;s figures</Link>
          </p>
        </>
      ) : (
        <QueryStatus query={query} what="the nodes" />
      )}
    </section>
  );
}
