/**
 * Issue 4's memory benchmark: what one cached entry with a 1 KB value costs, measured on the
 * heap (with --expose-gc, before and after) against the cache's own estimate. The goal is at
 * most 1.6× the raw payload. Entries are parsed from JSON text, as a load from the database
 * makes them, so their strings are flat and their own.
 */
import { ContextCache } from "../server/cache/context-cache.ts";
import { heapUsed, note, printFigure } from "./lib/figures.ts";
import { kbContext, kbRows, randomText, VALUE_BYTES } from "./lib/kb-contexts.ts";
import { seededRandom } from "./lib/prng.ts";

const bench = "memory";
const CONTEXTS = 5000;
const ENTRIES = 20;
const data = { contexts: CONTEXTS, entriesPerContext: ENTRIES, valueBytes: VALUE_BYTES };
const random = seededRandom(0x5eed_0004);

// The rows' JSON text is made before measuring and kept alive after: only what the cache holds counts.
const source = randomText(random, 64 * 1024);
const rows = Array.from({ length: CONTEXTS }, (_, c) => kbRows(random, c + 1, ENTRIES, source));

const cache = new ContextCache({ maxContexts: CONTEXTS * 2, maxBytes: 2 ** 40 });
const before = heapUsed();
const started = performance.now();
for (const [c, list] of rows.entries()) cache.set(kbContext(c + 1, list));
const measured = heapUsed() - before;
note(
  `cached ${CONTEXTS} contexts × ${ENTRIES} entries of ${VALUE_BYTES} B in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const entries = CONTEXTS * ENTRIES;
const perEntry = measured / entries;
printFigure({
  bench,
  metric: "bytesPerEntry.measured",
  value: Math.round(perEntry),
  unit: "bytes",
  ...data,
  note: "heap growth / entries, context overhead included",
});
printFigure({
  bench,
  metric: "bytesPerEntry.estimated",
  value: Math.round(cache.bytes / entries),
  unit: "bytes",
  ...data,
  of: "ContextCache.bytes / entries",
});
printFigure({
  bench,
  metric: "overhead.ratio",
  value: Number((perEntry / VALUE_BYTES).toFixed(3)),
  unit: "ratio",
  of: "measured bytes per entry / raw payload",
  goal: "<= 1.6",
  ...data,
});
printFigure({
  bench,
  metric: "estimate.ratio",
  value: Number((cache.bytes / measured).toFixed(3)),
  unit: "ratio",
  of: "estimated / measured",
  goal: "0.7..1.3",
  ...data,
});
if (rows.length !== CONTEXTS) throw new Error("rows were dropped");
