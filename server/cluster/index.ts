// The cluster domain's public surface: what other domains may import (docs/ARCHITECTURE.md).
export * from "./cluster-bus.ts";
export * from "./create-node-directory.ts";
export type { NodeDirectory, NodeIdentity, NodeListing } from "./node-directory.ts";
export type { NodeReport, NodeFigures, ClusterTotals } from "./node-report.ts";
export { describeNodes, nodesRoute, type NodesDescription } from "./nodes-route.ts";
export { attachRedisAdapter } from "./socket-adapter.ts";
