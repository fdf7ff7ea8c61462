import { Redis } from "ioredis";
import { logger } from "../core/logger.ts";
import { selfReport, type NodeDirectory, type NodeIdentity, type NodeListing } from "./node-directory.ts";
import type { NodeReport } from "./node-report.ts";

export interface NodeRegistryOptions {
  redisUrl: string;
  /** Prefixes the registry's keys, so two clusters can share one Redis. */
  clusterName: string;
  /** How often this node writes its report. */
  announceMs: number;
  /** A node that has not announced itself for this long is no longer listed. */
  timeoutMs: number;
}

/**
 * The cluster's registry of nodes in Redis: each node writes its report every `announceMs` to
 * `$CLUSTER_NAME:node:<id>` (expiring after `timeoutMs`) and its last-seen time to the sorted set
 * `$CLUSTER_NAME:nodes` (which names the nodes to look for). A node gone quiet (killed, cut off)
 * drops off once its report expires; one that stops cleanly removes itself at once. The set
 * expires too when every node has gone quiet, so nothing is left to clean.
 */
export class NodeRegistry implements NodeDirectory {
  readonly #redis: Redis;
  readonly #setKey: string;
  #address = "";
  #timer: NodeJS.Timeout | undefined;
  #announcing = false;
  #failing = false;
  #stopped = false;

  constructor(
    private readonly self: NodeIdentity,
    private readonly o: NodeRegistryOptions,
  ) {
    this.#setKey = `${o.clusterName}:nodes`;
    // No offline queue, and a second at most per command: with Redis away or stuck, a listing
    // answers at once (or within a second) with this node only, and the metrics with it.
    this.#redis = new Redis(o.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
    });
    // Errors surface through #announce's one line per outage.
    this.#redis.on("error", () => {});
  }

  get id() {
    return this.self.id;
  }

  async start(address: string) {
    this.#address = address;
    await this.#redis.connect().catch(() => {});
    await this.#announce();
    // stop() may have come while the first announcement was on its way.
    if (this.#stopped) return;
    this.#timer = setInterval(() => void this.#announce(), this.o.announceMs);
    this.#timer.unref();
  }

  async list(): Promise<NodeListing> {
    const self = selfReport(this.self, this.#address, Date.now());
    try {
      const ids = (await this.#redis.zrange(this.#setKey, "0", "-1")).filter((id) => id !== this.self.id);
      const texts = ids.length > 0 ? await this.#redis.mget(ids.map((id) => this.#nodeKey(id))) : [];
      // Whether a node is alive is its report's expiry, on Redis's clock: the nodes' own clocks
      // may disagree. A member whose report has expired has dropped off; tidy the set.
      const gone = ids.filter((_, i) => !texts[i]);
      if (gone.length > 0) await this.#redis.zrem(this.#setKey, ...gone);
      const others = texts.flatMap((text) => (text ? [JSON.parse(text) as NodeReport] : []));
      return { registry: "redis", nodes: [self, ...others].sort((a, b) => a.id.localeCompare(b.id)) };
    } catch {
      return { registry: "unreachable", nodes: [self] };
    }
  }

  async stop() {
    this.#stopped = true;
    clearInterval(this.#timer);
    if (this.#redis.status === "ready")
      await this.#redis
        .multi()
        .del(this.#nodeKey(this.self.id))
        .zrem(this.#setKey, this.self.id)
        .exec()
        .catch(() => {});
    this.#redis.disconnect();
  }

  #nodeKey(id: string) {
    return `${this.o.clusterName}:node:${id}`;
  }

  async #announce() {
    // A slow Redis must not pile announcements up.
    if (this.#announcing) return;
    this.#announcing = true;
    const now = Date.now();
    try {
      await this.#redis
        .multi()
        .set(
          this.#nodeKey(this.self.id),
          JSON.stringify(selfReport(this.self, this.#address, now)),
          "PX",
          this.o.timeoutMs,
        )
        .zadd(this.#setKey, now, this.self.id)
        // The set goes too once every node has gone quiet.
        .pexpire(this.#setKey, this.o.timeoutMs)
        .exec();
      if (this.#failing) logger().info({ component: "cluster" }, "announcing this node in Redis again");
      this.#failing = false;
    } catch (err) {
      // One line per outage, not one per announcement.
      if (!this.#failing)
        logger().warn({ component: "cluster", err: (err as Error).message }, "could not announce this node in Redis");
      this.#failing = true;
    } finally {
      this.#announcing = false;
    }
  }
}
