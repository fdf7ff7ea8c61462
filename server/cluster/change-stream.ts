import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { ConfigError } from "../config/config-error.ts";
import type { ChangeEvent } from "../core/context-types.ts";
import { logger } from "../core/logger.ts";
import { decodeEvents, encodeEvents } from "./stream-codec.ts";

export interface ChangeStreamOptions {
  redisUrl: string;
  /** Prefixes the stream's key, so two clusters can share one Redis. */
  clusterName: string;
  nodeId: string;
  /** About how many entries the stream keeps (XADD MAXLEN ~). */
  maxLen: number;
}

/** What a node does with each kind of stream entry another node wrote. */
export interface StreamHandlers {
  events(events: ChangeEvent[]): void;
  evictions(publicIds: string[]): void;
  /** The connection to Redis is back after a loss: changes may have been missed meanwhile. */
  reconnected(): void;
}

const BLOCK_MS = 5000;
const READ_COUNT = 500;
const RETRY_MS = 1000;
const STOP_WAIT_MS = 1000;

/**
 * The cluster's one change stream on Redis: every node appends its commits (XADD, after commit)
 * and reads everyone's (XREAD BLOCK on a connection of its own, which a blocking read holds).
 * A node skips its own entries by a per-process id, so two processes given the same NODE_ID
 * still hear each other.
 */
export class ChangeStream {
  readonly key: string;
  readonly #boot = randomUUID();
  #writer: Redis;
  #reader: Redis;
  #lastId = "$";
  #stopped = false;
  #loop: Promise<void> | undefined;
  #publishFailing = false;
  #started = false;
  #lastError: Error | undefined;

  constructor(private readonly o: ChangeStreamOptions) {
    this.key = `${o.clusterName}:changes`;
    // Auto-pipelining sends the XADDs of one group commit in one round trip.
    this.#writer = new Redis(o.redisUrl, { lazyConnect: true, enableAutoPipelining: true });
    this.#reader = new Redis(o.redisUrl, { lazyConnect: true });
    for (const [role, client] of [
      ["writer", this.#writer],
      ["reader", this.#reader],
    ] as const)
      client.on("error", (err) => {
        this.#lastError = err;
        // Before start has connected, start's own line says what failed.
        if (this.#started) logger().warn({ component: "cluster", role, err: err.message }, "redis error");
      });
  }

  /** Connects and marks where this node starts reading; throws when Redis cannot be reached. */
  async start(handlers: StreamHandlers) {
    try {
      await Promise.all([this.#writer.connect(), this.#reader.connect()]);
      const newest = await this.#writer.xrevrange(this.key, "+", "-", "COUNT", 1);
      this.#lastId = newest[0]?.[0] ?? "0-0";
    } catch (err) {
      this.#writer.disconnect();
      this.#reader.disconnect();
      // ioredis rejects with "Connection is closed"; the error event said why.
      throw new ConfigError(`cannot reach Redis at REDIS_URL (${(this.#lastError ?? (err as Error)).message})`);
    }
    this.#started = true;
    this.#writer.on("ready", () => !this.#stopped && handlers.reconnected());
    this.#loop = this.#read(handlers);
  }

  /** Appends one commit's events; never waits and never throws (the commit stands without Redis). */
  publish(events: readonly ChangeEvent[]) {
    this.#append("e", encodeEvents(events));
  }

  /** Tells the other nodes to drop these contexts from their caches (a change without a revision). */
  publishEvictions(publicIds: readonly string[]) {
    this.#append("x", JSON.stringify(publicIds));
  }

  #append(field: "e" | "x", text: string) {
    this.#writer
      .xadd(this.key, "MAXLEN", "~", String(this.o.maxLen), "*", "b", this.#boot, "n", this.o.nodeId, field, text)
      .then(
        () => (this.#publishFailing = false),
        (err: Error) => {
          // One line per outage, not one per write.
          if (this.#publishFailing) return;
          this.#publishFailing = true;
          logger().error({ component: "cluster", err: err.message }, "could not publish changes to Redis");
        },
      );
  }

  /** Whether Redis answers a PING within `timeoutMs`. */
  async reachable(timeoutMs = 1000): Promise<boolean> {
    if (this.#writer.status !== "ready") return false;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([this.#writer.ping().then((r) => r === "PONG"), late]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async stop() {
    this.#stopped = true;
    // The blocked XREAD ends when its connection does; one queued while the connection was
    // being retried never settles once it is closed, so the wait is bounded.
    this.#reader.disconnect();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.#loop, new Promise((r) => (timer = setTimeout(r, STOP_WAIT_MS)))]);
    clearTimeout(timer);
    // With Redis away, QUIT would wait for a reconnection that may never come.
    if (this.#writer.status !== "ready") return this.#writer.disconnect();
    await this.#writer.quit().catch(() => this.#writer.disconnect());
  }

  async #read(handlers: StreamHandlers) {
    while (!this.#stopped) {
      try {
        const answer = await this.#reader.xread(
          "COUNT",
          READ_COUNT,
          "BLOCK",
          BLOCK_MS,
          "STREAMS",
          this.key,
          this.#lastId,
        );
        for (const [, entries] of answer ?? []) {
          for (const [id, fields] of entries) {
            this.#lastId = id;
            const entry = fieldsOf(fields);
            if (entry.b === this.#boot) continue;
            try {
              if (entry.e !== undefined) handlers.events(decodeEvents(entry.e));
              else if (entry.x !== undefined) handlers.evictions(JSON.parse(entry.x) as string[]);
            } catch (err) {
              logger().error({ component: "cluster", err, id }, "could not apply a stream entry");
            }
          }
        }
      } catch (err) {
        if (this.#stopped) return;
        logger().warn(
          { component: "cluster", err: (err as Error).message },
          "reading the change stream failed; retrying",
        );
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
  }
}

function fieldsOf(flat: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]!] = flat[i + 1];
  return out;
}
