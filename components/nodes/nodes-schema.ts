import { z } from "zod";

const nodeSchema = z.object({
  id: z.string(),
  address: z.string(),
  version: z.string(),
  startedAt: z.string(),
  lastSeen: z.string(),
  cachedContexts: z.number(),
  cacheBytes: z.number(),
  hits: z.number(),
  misses: z.number(),
  liveSubscribers: z.number(),
  heartbeatClients: z.number(),
  heapUsed: z.number(),
});

/** GET /api/v1/nodes, checked on arrival. */
export const nodesSchema = z.object({
  time: z.string(),
  node: z.string(),
  registry: z.enum(["local", "redis", "unreachable"]),
  nodes: z.array(nodeSchema),
  cluster: z.object({
    nodes: z.number(),
    cachedContexts: z.number(),
    cacheBytes: z.number(),
    hits: z.number(),
    misses: z.number(),
    hitRatio: z.number().nullable(),
    liveSubscribers: z.number(),
    heartbeatClients: z.number(),
  }),
});
export type Nodes = z.infer<typeof nodesSchema>;
export type NodeRow = Nodes["nodes"][number];
