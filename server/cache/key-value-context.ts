import type { ContextType, Entry } from "../core/context-types.ts";
import { mapBytes, setBytes } from "./estimate-bytes.ts";

/**
 * One context's entries (seed 001's CSKeyValueContext): a map per contextType, and an inverted
 * keyword index per contextType (keyword → keys), kept in step on every put and remove.
 */
export class KeyValueContext {
  #byType = new Map<ContextType, Map<string, Entry>>();
  // keyword → the one key holding it, or a Set once several do: most keywords (the key itself
  // first) belong to one entry, and a Set per keyword would cost more than the entry's value.
  #index = new Map<ContextType, Map<string, string | Set<string>>>();
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

  /** Entries holding exactly this keyword, from the index (never a scan). */
  *byKeyword(keyword: string, contextType?: ContextType): IterableIterator<Entry> {
    const types = contextType ? [contextType] : [...this.#index.keys()];
    for (const type of types) {
      const keys = this.#index.get(type)?.get(keyword);
      if (keys === undefined) continue;
      const map = this.#byType.get(type)!;
      if (typeof keys === "string") yield map.get(keys)!;
      else for (const key of keys) yield map.get(key)!;
    }
  }

  countByType(): Partial<Record<ContextType, number>> {
    return Object.fromEntries([...this.#byType].map(([type, map]) => [type, map.size]));
  }

  #indexEntry(entry: Entry) {
    let index = this.#index.get(entry.contextType);
    if (!index) {
      this.#index.set(entry.contextType, (index = new Map()));
      this.#tableBytes += mapBytes(0);
    }
    for (const keyword of entry.keywords) {
      const keys = index.get(keyword);
      if (keys === undefined) {
        this.#tableBytes += mapBytes(index.size + 1) - mapBytes(index.size);
        index.set(keyword, entry.key);
      } else if (typeof keys === "string") {
        if (keys === entry.key) continue;
        this.#tableBytes += setBytes(2);
        index.set(keyword, new Set([keys, entry.key]));
      } else if (!keys.has(entry.key)) {
        this.#tableBytes += setBytes(keys.size + 1) - setBytes(keys.size);
        keys.add(entry.key);
      }
    }
  }

  #unindex(entry: Entry) {
    const index = this.#index.get(entry.contextType);
    if (!index) return;
    for (const keyword of entry.keywords) {
      const keys = index.get(keyword);
      if (keys === entry.key) {
        index.delete(keyword);
        this.#tableBytes -= mapBytes(index.size + 1) - mapBytes(index.size);
      } else if (typeof keys === "object" && keys.delete(entry.key)) {
        this.#tableBytes -= setBytes(keys.size + 1) - setBytes(keys.size);
        if (keys.size === 1) {
          this.#tableBytes -= setBytes(1);
          index.set(keyword, keys.values().next().value!);
        }
      }
    }
    if (index.size === 0) {
      this.#index.delete(entry.contextType);
      this.#tableBytes -= mapBytes(0);
    }
  }
}
