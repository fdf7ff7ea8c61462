import type { Entry } from "../core/context-types.ts";

/*
 * Heap estimates for V8 on 64-bit with pointer compression off (Node's default), measured with
 * --expose-gc on Node 20 (test/unit/cache/estimate-bytes.test.ts checks them against the heap):
 * objects 24 bytes + 8 per property, arrays 32 + a 16-byte backing store + 8 per element,
 * strings 16 + 1 byte per char (2 when not Latin-1), numbers outside the small-integer range
 * and Dates boxed on their own. Walks one value when it is written, never the whole context.
 */
const SLOT = 8;
const OBJECT = 3 * SLOT; // map, properties, elements
const ARRAY = 4 * SLOT; // … and length
const BACKING = 2 * SLOT; // a FixedArray's map and length
const HEAP_NUMBER = 16;
const DATE = 112; // JSDate: header, value and eight cached fields, the value boxed
const align = (n: number) => (n + 7) & ~7;

export function stringBytes(s: string): number {
  const wide = /[^\u0000-\u00ff]/.test(s);
  return align(2 * SLOT + (wide ? 2 : 1) * s.length);
}

const numberBytes = (n: number) => (Number.isInteger(n) && Math.abs(n) < 2 ** 31 ? 0 : HEAP_NUMBER);

/** Estimated heap bytes of an array of `n` elements and its backing store. */
export const arrayBytes = (n: number) => ARRAY + (n > 0 ? BACKING + SLOT * n : 0);

/** Estimated heap bytes of a parsed JSON value. */
export function valueBytes(value: unknown, depth = 0): number {
  if (value === null || value === undefined || typeof value === "boolean") return 0;
  if (typeof value === "number") return numberBytes(value);
  if (typeof value === "string") return stringBytes(value);
  if (depth > 64 || typeof value !== "object") return 0;
  if (Array.isArray(value)) {
    // Arrays of numbers only keep them unboxed.
    const numeric = value.every((v) => typeof v === "number");
    let bytes = arrayBytes(value.length);
    if (!numeric) for (const item of value) bytes += valueBytes(item, depth + 1);
    return bytes;
  }
  const keys = Object.keys(value);
  // Property names are internalised and shared by every object of the same shape: not counted.
  // Past ~128 properties V8 switches to a dictionary: three slots per entry, at most half full.
  let bytes =
    OBJECT + (keys.length > 128 ? BACKING + 3 * SLOT * 2 ** Math.ceil(Math.log2(keys.length * 2)) : SLOT * keys.length);
  for (const k of keys) bytes += valueBytes((value as Record<string, unknown>)[k], depth + 1);
  return bytes;
}

/** Hash-table capacity V8 gives a Map or Set holding `size` items: a power of two, at least 4. */
const capacity = (size: number) => (size <= 4 ? 4 : 2 ** (32 - Math.clz32(size - 1)));
const HASH_TABLE = OBJECT + SLOT + BACKING + 3 * SLOT; // the JSMap/JSSet and its table's header and counts

/** Estimated heap bytes of a Map holding `size` entries (3 slots per entry, 1 bucket per 2). */
export const mapBytes = (size: number) => HASH_TABLE + 3.5 * SLOT * capacity(size);

/** Estimated heap bytes of a Set holding `size` items (2 slots per item, 1 bucket per 2). */
export const setBytes = (size: number) => HASH_TABLE + 2.5 * SLOT * capacity(size);

const ENTRY_RECORD = OBJECT + 11 * SLOT; // the Entry object's eleven fields
const SHORT_STRING = stringBytes("RESOURCE"); // contextType and contextScope, a string each once loaded

/**
 * Estimated heap bytes one entry costs its context: the record and its Dates, key, value and
 * keyword lists. The maps and the keyword index it lives in are counted by KeyValueContext.
 */
export function entryBytes(entry: Entry): number {
  let bytes = ENTRY_RECORD + 2 * SHORT_STRING + DATE + stringBytes(entry.key) + valueBytes(entry.value);
  if (entry.updateTime !== entry.createTime) bytes += DATE;
  if (entry.valueType) bytes += stringBytes(entry.valueType);
  if (entry.valueText) bytes += stringBytes(entry.valueText);
  for (const list of [entry.keywords, entry.keyKeywords, entry.valueKeywords]) {
    bytes += arrayBytes(list.length);
    for (const k of list) bytes += stringBytes(k);
  }
  return bytes;
}

/**
 * The fixed cost of a cached context before any entry: the ContextIDValue and its meta (three
 * Dates, a few strings), its KeyValueContext with two empty maps, its slot in the cache.
 */
export const CONTEXT_OVERHEAD = 1200;
