import type { ContextType, Entry } from "../core/context-types.ts";
import { mapBytes, setBytes } from "./estimate-bytes.ts";

const NONE: readonly Entry[] = Object.freeze([]);

/**
 * One context's entries (seed 001's CSKeyValueContext): a map per contextType, and one
 * inverted keyword index for the whole context (keyword → entries), kept in step on every put
 * and remove. A lookup is one map probe whatever the context's size or number of types, so it
 * beats a scan from the smallest contexts up.
 */
export class KeyValueContext {
  #byType = new Map<ContextType, Map<string, Entry>>();
  // keyword → the one entry holding it, or a Set once several do: most keywords (the key itself
  // first) belong to one entry, and a Set per keyword would cost more than the entry's value.
  #index = new Map<string, Entry | Set<Entry>>();
  #size = 0;
  #tableBytes = 0;

  get size() {
    return this.#size;
  }

  /** Estimated heap bytes of the per-type maps and the keyword index, kept as they grow and shrink. */
  get tableBytes() {
    return this.#tableBytes;
  }

  get(contextType: ContextType, key: string): Entry | undefined {
    return this.#byType.get(contextType)?.get(key);
  }

  /** Adds or replaces the entry; returns the one it replaced. */
  put(entry: Entry): Entry | undefined {
    let map = this.#byType.get(entry.contextType);
    if (!map) {
      this.#byType.set(entry.contextType, (map = new Map()));
      this.#tableBytes += mapBytes(0);
    }
    const previous = map.get(entry.key);
    if (previous) this.#unindex(previous);
    else {
      this.#size++;
      this.#tableBytes += mapBytes(map.size + 1) - mapBytes(map.size);
    }
    map.set(entry.key, entry);
    this.#indexEntry(entry);
    return previous;
  }

  /** Removes the entry; returns it, or undefined when there was none. */
  remove(contextType: ContextType, key: string): Entry | undefined {
    const map = this.#byType.get(contextType);
    const entry = map?.get(key);
    if (!map || !entry) return undefined;
    map.delete(key);
    this.#tableBytes += mapBytes(map.size) - mapBytes(map.size + 1);
    if (map.size === 0) {
      this.#byType.delete(contextType);
      this.#tableBytes -= mapBytes(0);
    }
    this.#unindex(entry);
    this.#size--;
    return entry;
  }

  clear() {
    this.#byType.clear();
    this.#index.clear();
    this.#size = 0;
    this.#tableBytes = 0;
  }

  /** Entries of one type, or of every type when none is given. */
  *entries(contextType?: ContextType): IterableIterator<Entry> {
    if (contextType) {
      const map = this.#byType.get(contextType);
      if (map) yield* map.values();
      return;
    }
    for (const map of this.#byType.values()) yield* map.values();
  }

  /** Entries holding exactly this keyword (of one type when given), from the index (never a scan). */
  byKeyword(keyword: string, contextType?: ContextType): readonly Entry[] {
    const held = this.#index.get(keyword);
    if (held === undefined) return NONE;
    if (!(held instanceof Set)) return contextType === undefined || held.contextType === contextType ? [held] : NONE;
    const found: Entry[] = [];
    for (const e of held) if (contextType === undefined || e.contextType === contextType) found.push(e);
    return found;
  }

  countByType(): Partial<Record<ContextType, number>> {
    return Object.fromEntries([...this.#byType].map(([type, map]) => [type, map.size]));
  }

  #indexEntry(entry: Entry) {
    const index = this.#index;
    for (const keyword of entry.keywords) {
      const held = index.get(keyword);
      if (held === undefined) {
        if (index.size === 0) this.#tableBytes += mapBytes(0);
        this.#tableBytes += mapBytes(index.size + 1) - mapBytes(index.size);
        index.set(keyword, entry);
      } else if (!(held instanceof Set)) {
        if (held === entry) continue;
        this.#tableBytes += setBytes(2);
        index.set(keyword, new Set([held, entry]));
      } else if (!held.has(entry)) {
        this.#tableBytes += setBytes(held.size + 1) - setBytes(held.size);
        held.add(entry);
      }
    }
  }

  #unindex(entry: Entry) {
    const index = this.#index;
    if (index.size === 0) return;
    for (const keyword of entry.keywords) {
      const held = index.get(keyword);
      if (held === entry) {
        index.delete(keyword);
        this.#tableBytes -= mapBytes(index.size + 1) - mapBytes(index.size);
      } else if (held instanceof Set && held.delete(entry)) {
        this.#tableBytes -= setBytes(held.size + 1) - setBytes(held.size);
        if (held.size === 1) {
          this.#tableBytes -= setBytes(1);
          index.set(keyword, held.values().next().value!);
        }
      }
    }
    if (index.size === 0) this.#tableBytes -= mapBytes(0);
  }
}
