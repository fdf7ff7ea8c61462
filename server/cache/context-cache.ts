import type { ContextIDValue } from "./context-id-value.ts";
import { coarseNow } from "./coarse-clock.ts";

/** Why a context left the cache: over the count or byte bound, heap pressure (AutoClear), or removed. */
export const evictionReasons = ["count", "bytes", "pressure", "explicit"] as const;
export type EvictionReason = (typeof evictionReasons)[number];

/** No slot: the end of the recency list. */
const NONE = -1;

const byReason = () => Object.fromEntries(evictionReasons.map((r) => [r, 0])) as Record<EvictionReason, number>;

export interface ContextCacheOptions {
  maxContexts: number;
  maxBytes: number;
  now?: () => number;
  /** Called for every context leaving the cache, with why. */
  onEvict?: (value: ContextIDValue, reason: EvictionReason) => void;
}

/**
 * contextId → ContextIDValue, least recently used first out (seed 001's ContextCache).
 * Bounded by count and by estimated bytes; misses load once however many callers wait.
 * Evicting never loses data: persistence is the source of truth.
 */
export class ContextCache {
  // Lookup by id; recency is a doubly-linked list of slots, oldest first, kept in two typed
  // arrays (as lru-cache does): marking a use is a few writes to small arrays that stay in the
  // CPU's cache, where links through the values touched two more scattered objects per hit.
  #map = new Map<number, ContextIDValue>();
  #slots: (ContextIDValue | undefined)[] = [];
  #older = new Int32Array(1024);
  #newer = new Int32Array(1024);
  #freeSlots: number[] = [];
  #oldest = NONE;
  #newest = NONE;
  // Loads in flight, with how many lookups missed and wait for each.
  #loading = new Map<number, { promise: Promise<ContextIDValue | null>; misses: number; stale?: boolean }>();
  #bytes = 0;
  #maxContexts: number;
  #maxBytes: number;
  #now: () => number;
  #onEvict?: ContextCacheOptions["onEvict"];
  #stats = { hits: 0, misses: 0, loads: 0, loadFailures: 0, evictions: byReason(), evictionBytes: byReason() };

  constructor(options: ContextCacheOptions) {
    this.#maxContexts = options.maxContexts;
    this.#maxBytes = options.maxBytes;
    this.#now = options.now ?? coarseNow;
    this.#onEvict = options.onEvict;
  }

  get size() {
    return this.#map.size;
  }

  get bytes() {
    return this.#bytes;
  }

  get maxBytes() {
    return this.#maxBytes;
  }

  get maxContexts() {
    return this.#maxContexts;
  }

  /** The cached context as a counted hit (recency and metrics), synchronously; undefined on a miss (not counted). */
  hit(id: number): ContextIDValue | undefined {
    const cached = this.#map.get(id);
    if (!cached) return undefined;
    this.#stats.hits++;
    if (cached.lruSlot !== this.#newest) this.#markUsed(cached.lruSlot);
    cached.touch(this.#now(), true);
    return cached;
  }

  /** The cached context without touching its recency or metrics. */
  peek(id: number): ContextIDValue | undefined {
    return this.#map.get(id);
  }

  has(id: number) {
    return this.#map.has(id);
  }

  /**
   * The cached context, or the one `load` produces (null: it does not exist). Concurrent
   * callers for the same id share one load. Counts a hit or a miss and marks recent use.
   */
  async get(id: number, load: () => Promise<ContextIDValue | null>): Promise<ContextIDValue | null> {
    const cached = this.hit(id);
    if (cached) return cached;
    this.#stats.misses++;
    let pending = this.#loading.get(id);
    if (!pending) {
      pending = { promise: this.#load(id, load), misses: 0 };
      this.#loading.set(id, pending);
    }
    pending.misses++;
    return pending.promise;
  }

  async #load(id: number, load: () => Promise<ContextIDValue | null>) {
    try {
      const value = await load();
      this.#stats.loads++;
      // A write may have installed the context while we loaded: keep the one already there.
      const raced = this.#map.get(id);
      if (raced) return raced;
      // Deleted while loading (cleared, removed): what we read may be gone; do not cache it.
      if (this.#loading.get(id)?.stale) return value;
      if (value) {
        value.recordMisses(this.#loading.get(id)?.misses ?? 1);
        this.set(value);
        value.touch(this.#now(), false);
      }
      return value;
    } catch (err) {
      this.#stats.loadFailures++;
      throw err;
    } finally {
      this.#loading.delete(id);
    }
  }

  /** Adds (or replaces) a context as the most recently used, then evicts past the bounds. */
  set(value: ContextIDValue) {
    const old = this.#map.get(value.id);
    if (old && old !== value) this.#remove(old);
    if (!old || old !== value) {
      this.#map.set(value.id, value);
      this.#link(value);
      this.#bytes += value.bytes;
      value.onResize = (delta) => {
        this.#bytes += delta;
      };
    }
    if (value.lruSlot !== this.#newest) this.#markUsed(value.lruSlot);
    this.enforceBounds(value);
  }

  /** Removes a context (explicit: removed, cleared, invalidated). */
  delete(id: number): boolean {
    const loading = this.#loading.get(id);
    if (loading) loading.stale = true;
    const value = this.#map.get(id);
    if (!value) return false;
    this.#remove(value);
    this.#count(value, "explicit");
    return true;
  }

  /**
   * Evicts least-recently-used contexts (never pinned or loading ones) until under both bounds;
   * `keep` (the one just added) stays even if that leaves the cache over a bound until the next check.
   */
  enforceBounds(keep?: ContextIDValue) {
    if (this.#map.size <= this.#maxContexts && this.#bytes <= this.#maxBytes) return;
    for (const value of this.values()) {
      const reason: EvictionReason | null =
        this.#map.size > this.#maxContexts ? "count" : this.#bytes > this.#maxBytes ? "bytes" : null;
      if (!reason) break;
      if (value !== keep) this.evict(value, reason);
    }
  }

  /** Whether a context may be evicted now: not pinned by a write or load, and not being loaded. */
  evictable(value: ContextIDValue) {
    return value.pins === 0 && !this.#loading.has(value.id);
  }

  /** Evicts one context for a reason (AutoClear uses this with "pressure"); false when it may not. */
  evict(value: ContextIDValue, reason: EvictionReason) {
    if (this.#map.get(value.id) !== value || !this.evictable(value)) return false;
    this.#remove(value);
    this.#count(value, reason);
    return true;
  }

  /** Every cached context, least recently used first. */
  *values(): IterableIterator<ContextIDValue> {
    for (let slot = this.#oldest; slot !== NONE;) {
      const newer = this.#newer[slot]!; // taken first: the caller may evict this one
      yield this.#slots[slot]!;
      slot = newer;
    }
  }

  isLoading(id: number) {
    return this.#loading.has(id);
  }

  stats() {
    const lookups = this.#stats.hits + this.#stats.misses;
    return {
      contexts: this.#map.size,
      maxContexts: this.#maxContexts,
      bytes: this.#bytes,
      maxBytes: this.#maxBytes,
      hits: this.#stats.hits,
      misses: this.#stats.misses,
      hitRatio: lookups ? this.#stats.hits / lookups : 0,
      loads: this.#stats.loads,
      loadFailures: this.#stats.loadFailures,
      loading: this.#loading.size,
      /** How many contexts left the cache, by reason. */
      evictions: { ...this.#stats.evictions },
      /** Their estimated bytes, by reason. */
      evictionBytes: { ...this.#stats.evictionBytes },
      /** Estimated bytes evicted to stay within bounds or under heap pressure (explicit removals aside). */
      evictedBytes:
        this.#stats.evictionBytes.count + this.#stats.evictionBytes.bytes + this.#stats.evictionBytes.pressure,
    };
  }

  #count(value: ContextIDValue, reason: EvictionReason) {
    this.#stats.evictions[reason]++;
    this.#stats.evictionBytes[reason] += value.bytes;
    this.#onEvict?.(value, reason);
  }

  #markUsed(slot: number) {
    this.#unlink(slot);
    this.#append(slot);
  }

  #link(value: ContextIDValue) {
    let slot = this.#freeSlots.pop();
    if (slot === undefined) {
      slot = this.#slots.length;
      if (slot === this.#older.length) {
        const older = new Int32Array(slot * 2);
        const newer = new Int32Array(slot * 2);
        older.set(this.#older);
        newer.set(this.#newer);
        this.#older = older;
        this.#newer = newer;
      }
      this.#slots.push(value);
    } else this.#slots[slot] = value;
    value.lruSlot = slot;
    this.#append(slot);
  }

  #append(slot: number) {
    this.#older[slot] = this.#newest;
    this.#newer[slot] = NONE;
    if (this.#newest !== NONE) this.#newer[this.#newest] = slot;
    else this.#oldest = slot;
    this.#newest = slot;
  }

  #unlink(slot: number) {
    const older = this.#older[slot]!;
    const newer = this.#newer[slot]!;
    if (older !== NONE) this.#newer[older] = newer;
    else this.#oldest = newer;
    if (newer !== NONE) this.#older[newer] = older;
    else this.#newest = older;
  }

  #remove(value: ContextIDValue) {
    this.#map.delete(value.id);
    this.#unlink(value.lruSlot);
    this.#slots[value.lruSlot] = undefined;
    this.#freeSlots.push(value.lruSlot);
    value.lruSlot = NONE;
    this.#bytes -= value.bytes;
    value.onResize = undefined;
  }
}
