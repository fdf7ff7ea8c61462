import type { ContextMeta, ContextType, Entry } from "../contexts/types.ts";
import { CONTEXT_OVERHEAD, entryBytes } from "./estimate-bytes.ts";
import { KeyValueContext } from "./key-value-context.ts";

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
  #rate = 0;
  #rateAt: number;
  #lastAccess: number;
  /** Loads and writes in progress: a pinned context is never evicted. */
  pins = 0;
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
    const previous = this.kv.put(entry);
    this.#resize(entryBytes(entry) - (previous ? entryBytes(previous) : 0));
    return previous;
  }

  remove(contextType: ContextType, key: string): Entry | undefined {
    const removed = this.kv.remove(contextType, key);
    if (removed) this.#resize(-entryBytes(removed));
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

  /** Records a read or write served from memory. */
  touch(now: number, hit = true) {
    this.#rate = this.rate(now) + 1 / (RATE_WINDOW_MS / 1000);
    this.#rateAt = now;
    this.#lastAccess = now;
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

  metrics(now: number) {
    return {
      bytes: this.#bytes,
      entries: this.kv.size,
      entriesByType: this.kv.countByType(),
      accessCount: this.#accessCount,
      accessRate: Number(this.rate(now).toFixed(4)),
      lastAccess: new Date(this.#lastAccess).toISOString(),
      hits: this.#hits,
      loadMs: this.loadMs,
    };
  }
}
