import type { ContextType, Entry } from "../core/context-types.ts";
import { mapBytes, setBytes } from "./estimate-bytes.ts";

const NONE: readonly Entry[] = Object.freeze([]);

/**
 * One context's entries (seed 001's CSKeyValueContext): key → entry, and one inverted keyword
 * index for the whole context (keyword → entries), kept in step on every put and remove. A
 * lookup is one map probe whatever the context's size or number of types, so it beats a scan
 * from the smallest contexts up.
 */
export class KeyValueContext {
  // key → the entry with that key, or a map by type in the rare context holding one key under
  // several types. One probe and a type check on a hit, where a map per type took two probes.
  #byKey = new Map<string, Entry | Map<ContextType, Entry>>();
  // keyword → the one entry holding it, or a Set once several do: most keywords (the key itself
  // first) belong to one entry, and a Set per keyword would cost more than the entry's value.
  #index = new Map<string, Entry | Set<Entry>>();
  #size = 0;
  #tableBytes = 0;

  get size() {
    return this.#size;
  }

  /** Estimated heap bytes of the key map and the keyword index, kept as they grow and shrink. */
  get tableBytes() {
    return this.#tableBytes;
  }

  get(contextType: ContextType, key: string): Entry | undefined {
    const held = this.#byKey.get(key);
    if (held === undefined) return undefined;
    if (!(held instanceof Map)) return held.contextType === contextType ? held : undefined;
    return held.get(contextType);
  }

  /** Adds or replaces the entry; returns the one it replaced. */
  put(entry: Entry): Entry | undefined {
    const byKey = this.#byKey;
    const held = byKey.get(entry.key);
    let previous: Entry | undefined;
    if (held === undefined) {
      if (byKey.size === 0) this.#tableBytes += mapBytes(0);
      this.#tableBytes += mapBytes(byKey.size + 1) - mapBytes(byKey.size);
      byKey.set(entry.key, entry);
    } else if (!(held instanceof Map)) {
      if (held.contextType === entry.contextType) {
        previous = held;
        byKey.set(entry.key, entry);
      } else {
        this.#tableBytes += mapBytes(2);
        byKey.set(
          entry.key,
          new Map([
            [held.contextType, held],
            [entry.contextType, entry],
          ]),
        );
      }
    } else {
      previous = held.get(entry.contextType);
      if (!previous) this.#tableBytes += mapBytes(held.size + 1) - mapBytes(held.size);
      held.set(entry.contextType, entry);
    }
    if (previous) this.#unindex(previous);
    else this.#size++;
    this.#indexEntry(entry);
    return previous;
  }

  /** Removes the entry; returns it, or undefined when there was none. */
  remove(contextType: ContextType, key: string): Entry | undefined {
    const byKey = this.#byKey;
    const held = byKey.get(key);
    let entry: Entry | undefined;
    if (held === undefined) return undefined;
    if (!(held instanceof Map)) {
      if (held.contextType !== contextType) return undefined;
      entry = held;
      byKey.delete(key);
      this.#tableBytes -= mapBytes(byKey.size + 1) - mapBytes(byKey.size);
      if (byKey.size === 0) this.#tableBytes -= mapBytes(0);
    } else {
      entry = held.get(contextType);
      if (!entry) return undefined;
      held.delete(contextType);
      this.#tableBytes -= mapBytes(held.size + 1) - mapBytes(held.size);
      if (held.size === 1) {
        this.#tableBytes -= mapBytes(1);
        byKey.set(key, held.values().next().value!);
      }
    }
    this.#unindex(entry);
    this.#size--;
    return entry;
  }

  clear() {
    this.#byKey.clear();
    this.#index.clear();
    this.#size = 0;
    this.#tableBytes = 0;
  }

  /** Entries of one type, or of every type when none is given. */
  *entries(contextType?: ContextType): IterableIterator<Entry> {
    for (const held of this.#byKey.values()) {
      if (!(held instanceof Map)) {
        if (contextType === undefined || held.contextType === contextType) yield held;
      } else if (contextType === undefined) yield* held.values();
      else {
        const entry = held.get(contextType);
        if (entry) yield entry;
      }
    }
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
    const counts: Partial<Record<ContextType, number>> = {};
    for (const entry of this.entries()) counts[entry.contextType] = (counts[entry.contextType] ?? 0) + 1;
    return counts;
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
