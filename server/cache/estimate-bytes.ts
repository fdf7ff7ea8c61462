import type { Entry } from "../contexts/types.ts";

/*
 * Heap estimates for V8 on 64-bit with pointer compression off (Node's default): 16-byte
 * object headers, 8-byte slots, strings 1 byte per char when Latin-1 and 2 otherwise.
 * Walks one value when it is written, never the whole context.
 */
const HEADER = 16;
const SLOT = 8;
const align = (n: number) => Math.ceil(n / 8) * 8;

export function stringBytes(s: string): number {
  const wide = /[^\u0000-\u00ff]/.test(s);
  return align(HEADER + (wide ? 2 : 1) * s.length);
}

/** Estimated heap bytes of a parsed JSON value. */
export function valueBytes(value: unknown, depth = 0): number {
  if (value === null || value === undefined || typeof value === "boolean") return 0;
  if (typeof value === "number") return Number.isInteger(value) && Math.abs(value) < 2 ** 30 ? 0 : 16;
  if (typeof value === "string") return stringBytes(value);
  if (depth > 64) return 0;
  if (Array.isArray(value)) {
    let bytes = HEADER + SLOT + align(HEADER + SLOT * value.length);
    for (const item of value) bytes += valueBytes(item, depth + 1);
    return bytes;
  }
  if (typeof value === "object") {
    const keys = Object.keys(value);
    // Past ~128 properties V8 switches to a dictionary: about 3 slots per property.
    let bytes = HEADER + SLOT * 2 + (keys.length > 128 ? 3 * SLOT * keys.length + HEADER : SLOT * keys.length);
    for (const k of keys) bytes += stringBytes(k) / 2 + valueBytes((value as Record<string, unknown>)[k], depth + 1);
    return bytes;
  }
  return 0;
}

const ENTRY_RECORD = HEADER + SLOT * 12; // the Entry object and its fields
const MAP_SLOT = 3 * SLOT; // one key/value in a Map or Set hash table, with its share of the table
const INDEX_KEYWORD = MAP_SLOT + HEADER + SLOT * 4; // the keyword's Set in the index, amortised

/** Estimated heap bytes one entry costs its context: the record, key, value, keywords and index slots. */
export function entryBytes(entry: Entry): number {
  let bytes = ENTRY_RECORD + MAP_SLOT + stringBytes(entry.key) + valueBytes(entry.value);
  if (entry.valueType) bytes += stringBytes(entry.valueType);
  for (const list of [entry.keywords, entry.keyKeywords, entry.valueKeywords]) {
    bytes += HEADER + SLOT + SLOT * list.length;
  }
  for (const k of entry.keywords) bytes += (k === entry.key ? 0 : stringBytes(k)) + INDEX_KEYWORD;
  return bytes;
}

/** The fixed cost of a cached context before any entry. */
export const CONTEXT_OVERHEAD = 512;
