import type { ContextService } from "../../contexts/context-service.ts";
import { parsePublicId } from "../../contexts/public-id.ts";
import type { ChangeEvent, ContextType } from "../../contexts/types.ts";
import type { Db } from "../../persistence/database.ts";
import { LRUCache } from "lru-cache";
import type { ChangeBus } from "../change-bus.ts";

interface Client {
  source: string;
  ids: Set<number>;
  keys: Set<string>;
  pending: ChangeEvent[];
  lastHeartbeat: number;
  /** Changes were dropped (over the bound, or across a restart): the client must re-read. */
  resync: boolean;
}

const keyOf = (rowId: number, type: string, key: string) => `${rowId}\u0000${type}\u0000${key}`;

/**
 * Heartbeat clients, the Linkis listener model: a client (named by `source`) binds ID and key
 * listeners; matching changes wait for it, bounded; `heartbeat` hands them over once. A client
 * silent past the timeout is removed with its bindings. Bindings persist across restarts.
 */
export class HeartbeatRegistry {
  #clients = new Map<string, Client>();
  #byContext = new Map<number, Set<string>>();
  /** Sources removed for silence, so their next heartbeat says "bind again" (404) rather than "nothing yet". */
  #expired = new LRUCache<string, true>({ max: 10_000 });
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: () => void;

  constructor(
    private readonly db: Db,
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
    const rows = await this.db.listenerClient.findMany({ include: { idBindings: true, keyBindings: true } });
    for (const row of rows) {
      const client = this.#client(row.source);
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

  async bindId(source: string, publicId: string) {
    const meta = await this.contexts.get(publicId);
    await this.db.$transaction([
      this.db.listenerClient.upsert({ where: { source }, create: { source }, update: {} }),
      this.db.idListenerBinding.upsert({
        where: { source_contextId: { source, contextId: meta.id } },
        create: { source, contextId: meta.id },
        update: {},
      }),
    ]);
    this.#bindId(this.#client(source), meta.id);
  }

  async bindKey(source: string, publicId: string, contextType: ContextType, key: string) {
    const meta = await this.contexts.get(publicId);
    await this.db.$transaction([
      this.db.listenerClient.upsert({ where: { source }, create: { source }, update: {} }),
      this.db.keyListenerBinding.upsert({
        where: { source_contextId_contextType_key: { source, contextId: meta.id, contextType, key } },
        create: { source, contextId: meta.id, contextType, key },
        update: {},
      }),
    ]);
    this.#bindKey(this.#client(source), meta.id, contextType, key);
  }

  /**
   * The client's changes since its last heartbeat, handed over once. A source that never bound
   * has nothing (as in Linkis, whose client heartbeats under another name than it binds with);
   * null only for a client removed for silence, which must bind again.
   */
  heartbeat(source: string): { changes: ChangeEvent[]; resync: boolean } | null {
    const client = this.#clients.get(source);
    if (!client) return this.#expired.has(source) ? null : { changes: [], resync: false };
    client.lastHeartbeat = this.#now();
    const answer = { changes: client.pending, resync: client.resync };
    client.pending = [];
    client.resync = false;
    return answer;
  }

  /** Removes clients silent past the timeout, with their bindings. */
  async sweep() {
    const cutoff = this.#now() - this.opts.timeoutMs;
    const expired = [...this.#clients.values()].filter((c) => c.lastHeartbeat < cutoff);
    for (const client of expired) this.#drop(client);
    if (expired.length)
      await this.db.listenerClient
        .deleteMany({ where: { source: { in: expired.map((c) => c.source) } } })
        .catch((err) => console.error("[heartbeat] could not delete expired clients:", err));
  }

  /** Forgets bindings to a context that no longer exists (the database cascade removed the rows). */
  forgetContext(rowId: number) {
    for (const source of this.#byContext.get(rowId) ?? []) {
      const client = this.#clients.get(source);
      if (!client) continue;
      client.ids.delete(rowId);
      for (const k of client.keys) if (k.startsWith(`${rowId}\u0000`)) client.keys.delete(k);
    }
    this.#byContext.delete(rowId);
  }

  describe() {
    const now = this.#now();
    return [...this.#clients.values()].map((c) => ({
      source: c.source,
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

  #client(source: string): Client {
    let client = this.#clients.get(source);
    this.#expired.delete(source);
    if (!client) {
      client = { source, ids: new Set(), keys: new Set(), pending: [], lastHeartbeat: this.#now(), resync: false };
      this.#clients.set(source, client);
    }
    return client;
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
