/**
 * Issue 4's memory benchmark: what one cached entry with a 1 KB value costs, measured on the
 * heap (with --expose-gc, before and after) against the cache's own estimate. The goal is at
 * most 1.6× the raw payload. Entries are parsed from JSON text, as a load from the database
 * makes them, so their strings are flat and their own.
 */
import { ContextCache } from "../server/cache/context-cache.ts";
import { ContextIDValue } from "../server/cache/context-id-value.ts";
import type { ContextMeta, Entry } from "../server/contexts/types.ts";
import { heapUsed, note, printFigure } from "./lib/figures.ts";
import { randomInt, seededRandom } from "./lib/prng.ts";

const bench = "memory";
const CONTEXTS = 5000;
const ENTRIES = 20;
const VALUE_BYTES = 1024;
const data = { contexts: CONTEXTS, entriesPerContext: ENTRIES, valueBytes: VALUE_BYTES };
const random = seededRandom(0x5eed_0004);

const text = (n: number) => Array.from({ length: n }, () => String.fromCharCode(32 + randomInt(random, 95))).join("");

// Rows as the database hands them over: JSON text, parsed while the heap is measured.
const rows = Array.from({ length: CONTEXTS }, (_, c) =>
  Array.from({ length: ENTRIES }, (_, j) => {
    const key = `flow_${c}.node_${j}.result`;
    return JSON.stringify({ key, value: text(VALUE_BYTES), keywords: [key, `kw_${randomInt(random, 1000)}`], time: Date.UTC(2024, 0, 1) + randomInt(random, 3e10) });
  }),
);

function entryOf(row: string): Entry {
  const r = JSON.parse(row) as { key: string; value: string; keywords: string[]; time: number };
  return { key: r.key, contextType: "DATA", contextScope: "PUBLIC", value: r.value, keyKeywords: r.keywords.slice(1), valueKeywords: [], keywords: r.keywords, revision: 1, createTime: new Date(r.time), updateTime: new Date(r.time) };
}

const meta = (id: number): ContextMeta => {
  const t = new Date(Date.UTC(2024, 0, 1));
  return { id, user: "bench", application: "IDE", source: null, expireType: "NEVER", expireTime: null, instance: "cs_1_dev", backupInstance: "cs_1_dev", revision: ENTRIES, createTime: t, updateTime: new Date(t), accessTime: new Date(t) };
};

const cache = new ContextCache({ maxContexts: CONTEXTS * 2, maxBytes: 2 ** 40 });
const before = heapUsed();
const started = performance.now();
for (const [c, list] of rows.entries()) {
  const value = new ContextIDValue(meta(c + 1), 0, Date.now());
  for (const row of list) value.put(entryOf(row));
  cache.set(value);
}
const measured = heapUsed() - before;
note(`cached ${CONTEXTS} contexts × ${ENTRIES} entries of ${VALUE_BYTES} B in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const entries = CONTEXTS * ENTRIES;
const perEntry = measured / entries;
const estimatedPerEntry = cache.bytes / entries;
printFigure({ bench, metric: "bytesPerEntry.measured", value: Math.round(perEntry), unit: "bytes", ...data, note: "heap growth / entries, context overhead included" });
printFigure({ bench, metric: "bytesPerEntry.estimated", value: Math.round(estimatedPerEntry), unit: "bytes", ...data, of: "ContextCache.bytes / entries" });
printFigure({ bench, metric: "overhead.ratio", value: Number((perEntry / VALUE_BYTES).toFixed(3)), unit: "ratio", of: "measured bytes per entry / raw payload", goal: "<= 1.6", ...data });
printFigure({ bench, metric: "estimate.ratio", value: Number((cache.bytes / measured).toFixed(3)), unit: "ratio", of: "estimated / measured", goal: "0.7..1.3", ...data });
if (rows.length !== CONTEXTS) throw new Error("rows were dropped"); // keeps the row texts alive: not counted
