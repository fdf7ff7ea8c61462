import type { ContextMeta, ContextType, Entry } from "../core/context-types.ts";
import { CONTEXT_OVERHEAD, entryBytes } from "./estimate-bytes.ts";
import { KeyValueContext } from "./key-value-context.ts";

export interface ContextMetrics {
  bytes: number;
  entries: number;
  entriesByType: Partial<Record<ContextType, number>>;
  accessCount: number;
  /** Accesses per second, exponentially decayed over about a minute. */
  accessRate: number;
  lastAccess: string;
  hits: number;
  misses: number;
  loadMs: number;
  /** A load or write is in progress: AutoClear and the LRU skip it. */
  pinned: boolean;
}

/** Time constant of the exponentially-decayed access rate. */
const RATE_WINDOW_MS = 60_000;

/**
 * One cached context (seed 001's ContextIDValue): its fields, its entries and index, and its
 * metrics. The byte estimate is kept up to date on every put and remove, never recomputed.
 */
export class ContextIDValue {
  readonly kv = new KeyValueContext();
  #bytes = CONTEXT_OVERHEAD;
  #accessCount = 0;
  #hits = 0;
  #misses = 0;
  #rate = 0;
  #rateAt: number;
  #lastAccess: number;
  /** Loads and writes in progress: a pinned context is never evicted. */
  pins = 0;
  /** Its place in the cache's recency list (ContextCache owns it); -1 while not cached. */
  lruSlot = -1;
  /** Told of every change of the byte estimate (the cache keeps its total with it). */
  onResize?: (delta: number) => void;

  constructor(
    public meta: ContextMeta,
    readonly loadMs: number,
    now: number,
  ) {
    this.#rateAt = now;
    this.#lastAccess = now;
  }

  get id() {
    return this.meta.id;
  }

  get bytes() {
    return this.#bytes;
  }

  get(contextType: ContextType, key: string) {
    return this.kv.get(contextType, key);
  }

  put(entry: Entry): Entry | undefined {
    const tables = this.kv.tableBytes;
    const previous = this.kv.put(entry);
    this.#resize(entryBytes(entry) - (previous ? entryBytes(previous) : 0) + this.kv.tableBytes - tables);
    return previous;
  }

  remove(contextType: ContextType, key: string): Entry | undefined {
    const tables = this.kv.tableBytes;
    const removed = this.kv.remove(contextType, key);
    if (removed) this.#resize(this.kv.tableBytes - tables - entryBytes(removed));
    return removed;
  }

  clear() {
    this.kv.clear();
    this.#resize(CONTEXT_OVERHEAD - this.#bytes);
  }

  #resize(delta: number) {
    this.#bytes += delta;
    this.onResize?.(delta);
  }

  /** Records the lookups that missed and waited for this context to load. */
  recordMisses(count: number) {
    this.#misses += count;
  }

  /** Records an access: a read served from memory (a hit), a load, or a write. */
  touch(now: number, hit = true) {
    // Many hits share a clock tick: decay only when the clock moved (no Math.exp per hit).
    if (now !== this.#rateAt) {
      this.#rate = this.rate(now);
      this.#rateAt = now;
      this.#lastAccess = now;
    }
    this.#rate += 1 / (RATE_WINDOW_MS / 1000);
    this.#accessCount++;
    if (hit) this.#hits++;
  }

  /** Accesses per second, exponentially decayed over about a minute. */
  rate(now: number) {
    return this.#rate * Math.exp(-(now - this.#rateAt) / RATE_WINDOW_MS);
  }

  get lastAccess() {
    return this.#lastAccess;
  }

  get accessCount() {
    return this.#accessCount;
  }

  /**
   * This context's figures since it was cached: estimated bytes, entries (by type), accesses
   * (count, decayed rate per second, last), lookups served from memory (hits) and lookups that
   * waited for its load (misses), and how long that load took.
   */
  metrics(now: number): ContextMetrics {
    return {
      bytes: this.#bytes,
      entries: this.kv.size,
      entriesByType: this.kv.countByType(),
      accessCount: this.#accessCount,
      accessRate: Number(this.rate(now).toFixed(4)),
      lastAccess: new Date(this.#lastAccess).toISOString(),
      hits: this.#hits,
      misses: this.#misses,
      loadMs: this.loadMs,
      pinned: this.pins > 0,
    };
  }
}
