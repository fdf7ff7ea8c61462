import type { ContextService } from "../../contexts/index.ts";
import type { ChangeEvent, ContextType } from "../../core/context-types.ts";
import { logger } from "../../core/logger.ts";
import type { Principal } from "../../core/roles.ts";
import { claimSource } from "./claim-source.ts";
import type { HeartbeatStore } from "./heartbeat-store.ts";
import type { ClientSummary, HeartbeatAnswer, Heartbeats } from "./heartbeats.ts";

/** Takes or renews a cluster-wide lease; false while another node holds it. */
export type AcquireLease = (name: string, ttlMs: number) => Promise<boolean>;

const SWEEP_LEASE = "heartbeat-sweep";
// A removed client's "bind again" (404) is remembered this long.
const TOMBSTONE_MS = 24 * 3600_000;

/**
 * Heartbeat clients of a cluster: bindings, cursors and last heartbeats in the database, so a
 * client bound on one node may heartbeat any other. A heartbeat reads the client's changes from
 * the change log after its cursors and moves them, under a lock on the client's row, so each
 * change is handed over once whichever nodes the heartbeats reach. The timeout sweep runs on the
 * node holding the sweep's lease.
 */
export class SharedHeartbeats implements Heartbeats {
  #timer: NodeJS.Timeout | undefined;
  #size = 0;

  constructor(
    private readonly store: HeartbeatStore,
    private readonly contexts: ContextService,
    private readonly lease: AcquireLease,
    private readonly opts: { timeoutMs: number; pendingLimit: number; now?: () => number },
  ) {}

  #now() {
    return (this.opts.now ?? Date.now)();
  }

  /** How often every node looks: to count the clients, and (with the lease) to sweep. */
  get #every() {
    return Math.max(250, Math.floor(this.opts.timeoutMs / 4));
  }

  async start() {
    this.#size = await this.store.countClients();
    this.#timer = setInterval(
      () => void this.sweep().catch((err) => logger().error({ component: "heartbeat", err }, "sweep failed")),
      this.#every,
    );
    this.#timer.unref();
  }

  stop() {
    clearInterval(this.#timer);
  }

  bindId: Heartbeats["bindId"] = (caller, source, publicId, linkisDialect = false) =>
    this.#bind(caller, source, publicId, linkisDialect);

  bindKey: Heartbeats["bindKey"] = (caller, source, publicId, contextType, key, linkisDialect = false) =>
    this.#bind(caller, source, publicId, linkisDialect, { contextType, key });

  async #bind(
    caller: Principal,
    source: string,
    publicId: string,
    linkisDialect: boolean,
    key?: { contextType: ContextType; key: string },
  ) {
    const owner = claimSource(caller, source, await this.store.ownerOf(source));
    const meta = await this.contexts.get(publicId);
    await this.store.bind({ source, owner, linkisDialect, contextId: meta.id, key }, true);
  }

  async heartbeat(caller: Principal, source: string): Promise<HeartbeatAnswer | null> {
    const taken = await this.store.take(source, new Date(this.#now()), this.opts.pendingLimit, (owner) =>
      claimSource(caller, source, owner),
    );
    if (taken.kind === "expired") return null;
    if (taken.kind === "unknown") return { changes: [], resync: false, linkisDialect: false };
    const changes = await Promise.all(taken.changes.map((e) => this.#withEntry(e)));
    return { changes, resync: taken.resync, linkisDialect: taken.linkisDialect };
  }

  /** Clients silent past the timeout lose their bindings, on the one node holding the sweep's lease. */
  async sweep() {
    if (await this.lease(SWEEP_LEASE, this.#every * 3)) {
      const now = this.#now();
      await this.store.expire(new Date(now - this.opts.timeoutMs), new Date(now), new Date(now - TOMBSTONE_MS));
    }
    // Every node counts, lease or not: the figure is the cluster's, and each node reports it.
    this.#size = await this.store.countClients();
  }

  // The database's cascade removed the bindings already.
  forgetContext() {}

  /** The cluster's clients, as of this node's last look (every `#every` ms). */
  get size() {
    return this.#size;
  }

  async describe(caller?: Principal): Promise<ClientSummary[]> {
    const now = this.#now();
    const rows = await this.store.describeClients();
    return rows
      .filter((c) => !caller || caller.role === "admin" || c.owner === caller.user)
      .map((c) => ({
        source: c.source,
        owner: c.owner,
        idBindings: c._count.idBindings,
        keyBindings: c._count.keyBindings,
        lastHeartbeatAgeMs: now - c.lastHeartbeat.getTime(),
        // Read from the log at the next heartbeat: not counted ahead.
        pending: 0,
        resync: false,
      }));
  }

  /**
   * The log keeps a change's key, value and keywords; the wire answers the whole entry (scope,
   * value type, the writer's keywords). They come from the entry as it is now: the same
   * revision's as it is, a later one's with the logged value. A key removed since answers what
   * the log has.
   */
  async #withEntry(e: ChangeEvent): Promise<ChangeEvent> {
    if ((e.op !== "created" && e.op !== "updated") || e.key === null || e.contextType === null) return e;
    const now = await this.contexts.getValue(e.contextId, e.contextType, e.key).catch(() => null);
    if (!now) return e;
    const entry =
      now.revision === e.revision ? now : { ...now, value: e.value, valueText: undefined, revision: e.revision };
    return { ...e, entry };
  }
}
