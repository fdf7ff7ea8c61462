import { LocalNodeDirectory, type NodeDirectory, type NodeIdentity } from "./node-directory.ts";
import { NodeRegistry, type NodeRegistryOptions } from "./node-registry.ts";

/** The registry in Redis in cluster mode (`redisUrl` set), else this node alone. */
export function createNodeDirectory(
  self: NodeIdentity,
  o: Omit<NodeRegistryOptions, "redisUrl"> & { redisUrl: string | undefined },
): NodeDirectory {
  return o.redisUrl ? new NodeRegistry(self, { ...o, redisUrl: o.redisUrl }) : new LocalNodeDirectory(self);
}
