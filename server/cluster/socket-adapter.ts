import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import type { Server as IoServer } from "socket.io";

/**
 * socket.io's Redis adapter (pub/sub under `$CLUSTER_NAME:socket.io`): what one node broadcasts
 * to a room (cleanup progress to the admins) reaches that room's sockets on every node. Live
 * events do not pass through it: each node writes them to its own subscribers' sockets, from the
 * change stream. Returns how to close its two connections.
 */
export function attachRedisAdapter(io: IoServer, o: { redisUrl: string; clusterName: string }) {
  const pub = new Redis(o.redisUrl);
  const sub = pub.duplicate();
  // Broadcasts are best effort (progress is also in the job's row): an outage is the change stream's to report.
  for (const client of [pub, sub]) client.on("error", () => {});
  io.adapter(createAdapter(pub, sub, { key: `${o.clusterName}:socket.io` }));
  return {
    close() {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
