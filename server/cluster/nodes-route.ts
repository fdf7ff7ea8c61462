import { dashboardRoute } from "../http/dashboard-route.ts";
import type { Route } from "../http/route.ts";
import type { NodeDirectory } from "./node-directory.ts";
import { clusterTotals } from "./node-report.ts";

/** The nodes as this node sees them, with their sums: what `/api/v1/nodes` and `/api/v1/metrics` answer. */
export async function describeNodes(directory: NodeDirectory) {
  const { registry, nodes } = await directory.list();
  return { node: directory.id, registry, nodes, cluster: clusterTotals(nodes) };
}

export type NodesDescription = Awaited<ReturnType<typeof describeNodes>>;

/** GET /api/v1/nodes: every live node of the service (one process: itself) and the cluster's sums. */
export const nodesRoute = (deps: { nodes: NodeDirectory }): Route =>
  dashboardRoute(
    "nodes",
    { summary: "The service's nodes (id, address, version, up since, last seen, figures) and their sums" },
    async () => ({ time: new Date().toISOString(), ...(await describeNodes(deps.nodes)) }),
  );
