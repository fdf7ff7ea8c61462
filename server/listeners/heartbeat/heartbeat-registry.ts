import type { ContextService } from "../../contexts/index.ts";
import { parsePublicId } from "../../core/public-id.ts";
import type { ChangeEvent, ContextType } from "../../core/context-types.ts";
import type { Principal } from "../../core/roles.ts";
import { LRUCache } from "lru-cache";
import type { ChangeBus } from "../../core/change-bus.ts";
import { logger } from "../../core/logger.ts";
import { claimSource } from "./claim-source.ts";
import type { HeartbeatStore } from "./heartbeat-store.ts";
import type { ClientSummary, HeartbeatAnswer, Heartbeats } from "./heartbeats.ts";

interface Client {
  source: string;
  /** The user (or gateway-token identity) that bound it; "" for a client bound before owners were kept. */
  owner: string;
  /** Bound through Linkis's serialized dialect: its changes are answered serialized. */
  linkisDialect: boolean;
  ids: Set<number>;
  keys: Set<string>;
  pending: ChangeEvent[];
  lastHeartbeat: number;
  /** Changes were dropped (over the bound, or across a restart): the client must re-read. */
  resync: boolean;
}

const keyOf = (rowId: number, type: string, key: string) => `${rowId}\u0000${type}\u0000${key}`;

/**
 * Heartbeat clients of one process: matching changes wait in memory for their client, bounded;
 * `heartbeat` hands them over once. A client silent past the timeout is removed with its
 * bindings. Bindings persist across restarts.
 */
export class HeartbeatRegistry implements Heartbeats {
  #clients = new Map<string, Client>();
  #byContext = new Map<number, Set<string>>();
  /** Sources removed for silence, so their next heartbeat says "bind again" (404) rather than "nothing yet". */
  #expired = new LRUCache<string, true>({ max: 10_000 });
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: () => void;

  constructor(
    private readonly store: HeartbeatStore,
    bus: ChangeBus,
    private readonly contexts: ContextService,
    private readonly opts: { timeoutMs: number; pendingLimit: number; now?: () => number },
  ) {
    this.#unsubscribe = bus.subscribe((events) => events.forEach((e) => this.#record(e)));
  }

  #now() {
    return (this.opts.now ?? Date.now)();
  }

  /** Loads persisted clients and bindings; they restart with a fresh grace period and `resync` set. */
  async start() {
    const rows = await this.store.loadClients();
    for (const row of rows) {
      const client = this.#client(row.source, row.owner, row.linkisDialect);
      client.resync = true;
      for (const b of row.idBindings) this.#bindId(client, b.contextId);
      for (const b of row.keyBindings) this.#bindKey(client, b.contextId, b.contextType, b.key);
    }
    this.#timer = setInterval(() => void this.sweep(), Math.max(250, Math.floor(this.opts.timeoutMs / 4)));
    this.#timer.unref();
  }

  stop() {
    clearInterval(this.#timer);
    this.#unsubscribe();
  }

  async bindId(caller: Principal, source: string, publicId: string, linkisDialect = false) {
    const owner = this.#ownerFor(caller, source);
    const meta = await this.contexts.get(publicId);
    await this.store.bind({ source, owner, linkisDialect, contextId: meta.id }, false);
    this.#bindId(this.#client(source, owner, linkisDialect), meta.id);
  }

  async bindKey(
    caller: Principal,
    source: string,
    publicId: string,
    contextType: ContextType,
    key: string,
    linkisDialect = false,
  ) {
    const owner = this.#ownerFor(caller, source);
    const meta = await this.contexts.get(publicId);
    await this.store.bind({ source, owner, linkisDialect, contextId: meta.id, key: { contextType, key } }, false);
    this.#bindKey(this.#client(source, owner, linkisDialect), meta.id, contextType, key);
  }

  async heartbeat(caller: Principal, source: string): Promise<HeartbeatAnswer | null> {
    const client = this.#clients.get(source);
    if (!client) return this.#expired.has(source) ? null : { changes: [], resync: false, linkisDialect: false };
    this.#ownerFor(caller, source);
    client.lastHeartbeat = this.#now();
    const answer = { changes: client.pending, resync: client.resync, linkisDialect: client.linkisDialect };
    client.pending = [];
    client.resync = false;
    return answer;
  }

  /**
   * Removes clients silent past the timeout: their rows (and, by cascade, their bindings) first,
   * then the client here, so nobody sees a client reported gone whose bindings still exist. A
   * failed delete keeps the clients for the next sweep.
   */
  async sweep() {
    const cutoff = this.#now() - this.opts.timeoutMs;
    const expired = [...this.#clients.values()].filter((c) => c.lastHeartbeat < cutoff);
    if (expired.length === 0) return;
    try {
      await this.store.deleteClients(expired.map((c) => c.source));
    } catch (err) {
      logger().error({ component: "heartbeat", err }, "could not delete expired clients");
      return;
    }
    for (const client of expired) this.#drop(client);
  }

  forgetContext(rowId: number) {
    for (const source of this.#byContext.get(rowId) ?? []) {
      const client = this.#clients.get(source);
      if (!client) continue;
      client.ids.delete(rowId);
      for (const k of client.keys) if (k.startsWith(`${rowId}\u0000`)) client.keys.delete(k);
    }
    this.#byContext.delete(rowId);
  }

  get size() {
    return this.#clients.size;
  }

  async describe(caller?: Principal): Promise<ClientSummary[]> {
    const now = this.#now();
    const visible = [...this.#clients.values()].filter(
      (c) => !caller || caller.role === "admin" || c.owner === caller.user,
    );
    return visible.map((c) => ({
      source: c.source,
      owner: c.owner,
      idBindings: c.ids.size,
      keyBindings: c.keys.size,
      lastHeartbeatAgeMs: now - c.lastHeartbeat,
      pending: c.pending.length,
      resync: c.resync,
    }));
  }

  #record(e: ChangeEvent) {
    const rowId = parsePublicId(e.contextId).id;
    const sources = this.#byContext.get(rowId);
    if (!sources) return;
    for (const source of sources) {
      const client = this.#clients.get(source)!;
      const wanted = client.ids.has(rowId) || e.key === null || client.keys.has(keyOf(rowId, e.contextType!, e.key));
      if (!wanted) continue;
      if (client.pending.length >= this.opts.pendingLimit) {
        client.pending = [];
        client.resync = true;
      } else client.pending.push(e);
    }
    if (e.op === "context-removed") this.forgetContext(rowId);
  }

  #client(source: string, owner: string, linkisDialect: boolean): Client {
    let client = this.#clients.get(source);
    this.#expired.delete(source);
    if (!client) {
      client = {
        source,
        owner,
        linkisDialect,
        ids: new Set(),
        keys: new Set(),
        pending: [],
        lastHeartbeat: this.#now(),
        resync: false,
      };
      this.#clients.set(source, client);
    }
    client.owner = owner;
    client.linkisDialect = linkisDialect;
    return client;
  }

  #ownerFor(caller: Principal, source: string): string {
    return claimSource(caller, source, this.#clients.get(source)?.owner);
  }

  #index(client: Client, rowId: number) {
    let set = this.#byContext.get(rowId);
    if (!set) this.#byContext.set(rowId, (set = new Set()));
    set.add(client.source);
  }

  #bindId(client: Client, rowId: number) {
    client.ids.add(rowId);
    this.#index(client, rowId);
  }

  #bindKey(client: Client, rowId: number, type: string, key: string) {
    client.keys.add(keyOf(rowId, type, key));
    this.#index(client, rowId);
  }

  #drop(client: Client) {
    this.#clients.delete(client.source);
    this.#expired.set(client.source, true);
    for (const k of [...client.ids, ...[...client.keys].map((x) => Number(x.split("\u0000")[0]))]) {
      const set = this.#byContext.get(k);
      set?.delete(client.source);
      if (set?.size === 0) this.#byContext.delete(k);
    }
  }
}
