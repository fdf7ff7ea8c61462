import { ContextIDValue } from "../../server/cache/context-id-value.ts";
import type { ContextMeta, Entry } from "../../server/core/context-types.ts";
import { randomInt } from "./prng.ts";

/** The payload of every entry the memory and eviction benches cache. */
export const VALUE_BYTES = 1024;

/**
 * One context's rows as the database hands them over: JSON text, one per entry, each with a
 * 1 KB value of its own. Parsing them (kbContext) makes flat strings owned by the cache, as a load does.
 */
export function kbRows(random: () => number, contextId: number, entries: number, source: string): string[] {
  return Array.from({ length: entries }, (_, j) => {
    const key = `flow_${contextId}.node_${j}.result`;
    const at = randomInt(random, source.length - VALUE_BYTES);
    const value = `${contextId}.${j}:${source.slice(at, at + VALUE_BYTES)}`.slice(0, VALUE_BYTES);
    return JSON.stringify({
      key,
      value,
      keywords: [key, `kw_${randomInt(random, 1000)}`],
      time: Date.UTC(2024, 0, 1) + randomInt(random, 3e10),
    });
  });
}

/** Random printable text to cut values from. */
export const randomText = (random: () => number, n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(32 + randomInt(random, 95))).join("");

function entryOf(row: string): Entry {
  const r = JSON.parse(row) as { key: string; value: string; keywords: string[]; time: number };
  return {
    key: r.key,
    contextType: "DATA",
    contextScope: "PUBLIC",
    value: r.value,
    keyKeywords: r.keywords.slice(1),
    valueKeywords: [],
    keywords: r.keywords,
    revision: 1,
    createTime: new Date(r.time),
    updateTime: new Date(r.time),
  };
}

function meta(id: number, revision: number): ContextMeta {
  const t = new Date(Date.UTC(2024, 0, 1));
  return {
    id,
    user: "bench",
    application: "IDE",
    source: null,
    expireType: "NEVER",
    expireTime: null,
    instance: "cs_1_dev",
    backupInstance: "cs_1_dev",
    revision,
    createTime: t,
    updateTime: new Date(t),
    accessTime: new Date(t),
  };
}

/** A cached context made from kbRows, as the store's load would make it. */
export function kbContext(id: number, rows: string[], now = Date.now()): ContextIDValue {
  const value = new ContextIDValue(meta(id, rows.length), 0, now);
  for (const row of rows) value.put(entryOf(row));
  return value;
}
