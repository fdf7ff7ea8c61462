/**
 * Issue 3's benchmark: on the same 100,000 contexts × 10 entries, get by key through our
 * ContextCache vs lru-cache holding the same entries, and keyword lookup through the index vs a
 * linear scan of the same entries. Ratios of medians from one process are the figures to trust.
 */
import { LRUCache } from "lru-cache";
import type { ContextIDValue } from "../server/cache/context-id-value.ts";
import type { ContextType, Entry } from "../server/core/context-types.ts";
import { ContextIDValue as CachedContext } from "../server/cache/context-id-value.ts";
import { loadKeywordRules } from "../server/contexts/keywords/keyword-rules.ts";
import { buildContextCache, makeEntry } from "./lib/build-contexts.ts";
import { heapUsed, note, printFigure, printRates, printRatio } from "./lib/figures.ts";
import { pick, randomInt, seededRandom } from "./lib/prng.ts";
import { checksum, defaultTiming, timeCases } from "./lib/timing.ts";

const bench = "cache-lookup";
const CONTEXTS = 100_000;
const ENTRIES = 10;
const SLOTS = 1 << 20; // pre-drawn accesses, cycled through
const MASK = SLOTS - 1;
const data = { contexts: CONTEXTS, entriesPerContext: ENTRIES };
const random = seededRandom(0x5eed_0003);

const baseHeap = heapUsed();
let started = performance.now();
const cache = buildContextCache({ ...data, random, writerKeywordPool: 1000, databasePool: 50_000 });
const ourHeap = heapUsed();
note(
  `built ContextCache: ${CONTEXTS} contexts × ${ENTRIES} entries in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

// The same entry objects in lru-cache, keyed as a flat service would key them.
started = performance.now();
const lru = new LRUCache<number, Map<string, Entry>>({ max: 200_000 });
for (const ctx of cache.values()) {
  const byKey = new Map<string, Entry>();
  for (const e of ctx.kv.entries()) byKey.set(`${e.contextType}:${e.key}`, e);
  lru.set(ctx.id, byKey);
}
const lruHeap = heapUsed();
note(`built LRUCache with the same entries in ${((performance.now() - started) / 1000).toFixed(1)} s`);

// What a cache without an index would scan: each context's entries as a plain array.
const lists = new Map<number, Entry[]>();
for (const ctx of cache.values()) lists.set(ctx.id, [...ctx.kv.entries()]);

printFigure({
  bench,
  metric: "heap.used",
  value: heapUsed(),
  unit: "bytes",
  ...data,
  note: "after building the ContextCache, the lru-cache copy and the scan lists",
});
printFigure({ bench, metric: "heap.contextCache", value: ourHeap - baseHeap, unit: "bytes", ...data });
printFigure({
  bench,
  metric: "heap.contextCache.estimated",
  value: cache.bytes,
  unit: "bytes",
  ...data,
  of: "ContextCache.bytes",
});
printFigure({
  bench,
  metric: "heap.lruCache",
  value: lruHeap - ourHeap,
  unit: "bytes",
  ...data,
  note: "maps only: entries are shared",
});

// Random accesses, drawn once from the seeded PRNG so every run replays the same pattern.
const ids = new Int32Array(SLOTS);
const types: ContextType[] = [];
const keys: string[] = [];
const flatKeys: string[] = [];
const keywordIds = new Int32Array(SLOTS);
const keywords: string[] = [];
for (let s = 0; s < SLOTS; s++) {
  ids[s] = 1 + randomInt(random, CONTEXTS);
  const e = pick(random, lists.get(ids[s])!);
  types.push(e.contextType);
  keys.push(e.key);
  flatKeys.push(`${e.contextType}:${e.key}`);
  keywordIds[s] = 1 + randomInt(random, CONTEXTS);
  keywords.push(pick(random, pick(random, lists.get(keywordIds[s])!).keywords));
}

const missing = () => Promise.reject(new Error("every context is cached"));

// Each case writes its loop out: one shared loop calling a per-case function would make that
// call site polymorphic and time the call instead of the lookup.

const gets = await timeCases([
  {
    name: "contextCache.peek",
    run: (n) => {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const s = i & MASK;
        sum += cache.peek(ids[s])!.get(types[s], keys[s])!.revision;
      }
      return sum;
    },
  },
  {
    // ContextService's read path on a hit: cache.hit counts the access and marks recency, synchronously.
    name: "contextCache.hit",
    run: (n) => {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const s = i & MASK;
        sum += cache.hit(ids[s])!.get(types[s], keys[s])!.revision;
      }
      return sum;
    },
  },
  {
    // The miss-capable path: awaits cache.get with a fresh loader closure per call.
    name: "contextCache.get",
    run: async (n) => {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const s = i & MASK;
        const ctx = (await cache.get(ids[s], () => missing())) as ContextIDValue;
        sum += ctx.get(types[s], keys[s])!.revision;
      }
      return sum;
    },
  },
  {
    name: "lruCache.get",
    run: (n) => {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const s = i & MASK;
        sum += lru.get(ids[s])!.get(flatKeys[s])!.revision;
      }
      return sum;
    },
  },
]);
const [peek, hit, get, lruGet] = gets;
printRates(bench, "getByKey", gets, data);
printRatio(bench, "getByKey.ratio.peek", peek, lruGet, data);
printRatio(bench, "getByKey.ratio.hit", hit, lruGet, data);
printRatio(bench, "getByKey.ratio.get", get, lruGet, data);

const inContext = await timeCases([
  {
    name: "index",
    run: (n) => {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const s = i & MASK;
        for (const e of cache.peek(keywordIds[s])!.kv.byKeyword(keywords[s])) sum += e.revision;
      }
      return sum;
    },
  },
  {
    name: "scan",
    run: (n) => {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const s = i & MASK;
        const w = keywords[s];
        for (const e of lists.get(keywordIds[s])!) if (e.keywords.includes(w)) sum += e.revision;
      }
      return sum;
    },
  },
]);
printRates(bench, "keywordInContext", inContext, data);
printRatio(bench, "keywordInContext.ratio", inContext[0], inContext[1], data);

// Across every cached context, for database names: each is a keyword of only a few contexts.
// In-memory only: the dashboard's cross-context search asks the database's keyword index.
const rare = Array.from({ length: 64 }, () => `db_${randomInt(random, 50_000)}`);
let rareHits = 0;
for (const list of lists.values()) for (const e of list) for (const w of rare) if (e.keywords.includes(w)) rareHits++;
const acrossData = { ...data, avgHits: Number((rareHits / rare.length).toFixed(1)) };
// One op walks every context: fewer, longer rounds keep the whole bench near a minute.
const across = await timeCases(
  [
    {
      name: "index",
      run: (n) => {
        let sum = 0;
        for (let i = 0; i < n; i++) {
          const w = rare[i & 63];
          for (const ctx of cache.values()) for (const e of ctx.kv.byKeyword(w)) sum += e.revision;
        }
        return sum;
      },
    },
    {
      name: "scan",
      run: (n) => {
        let sum = 0;
        for (let i = 0; i < n; i++) {
          const w = rare[i & 63];
          for (const list of lists.values()) for (const e of list) if (e.keywords.includes(w)) sum += e.revision;
        }
        return sum;
      },
    },
  ],
  { ...defaultTiming, warmup: 1, rounds: 5 },
);
printRates(bench, "keywordAcrossContexts", across, acrossData);
printRatio(bench, "keywordAcrossContexts.ratio", across[0], across[1], acrossData);

// One context of 10,000 entries (issue 11): the index against a scan of the same entries.
const BIG = 10_000;
const bigOptions = { contexts: 1, entriesPerContext: BIG, random, writerKeywordPool: 1000, databasePool: 50_000 };
const big = new CachedContext(cache.peek(1)!.meta, 0, Date.now());
const rules = loadKeywordRules();
for (let j = 0; j < BIG; j++) big.put(makeEntry(random, bigOptions, rules, 1_000_000, j));
const bigList = [...big.kv.entries()];
const bigWords = Array.from({ length: 4096 }, () => pick(random, pick(random, bigList).keywords));
const bigData = { entriesInContext: BIG };
const inBig = await timeCases([
  {
    name: "index",
    run: (n) => {
      let sum = 0;
      for (let i = 0; i < n; i++) for (const e of big.kv.byKeyword(bigWords[i & 4095])) sum += e.revision;
      return sum;
    },
  },
  {
    name: "scan",
    run: (n) => {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const w = bigWords[i & 4095];
        for (const e of bigList) if (e.keywords.includes(w)) sum += e.revision;
      }
      return sum;
    },
  },
]);
printRates(bench, "keywordInBigContext", inBig, bigData);
printRatio(bench, "keywordInBigContext.ratio", inBig[0], inBig[1], { ...bigData, goal: ">= 50" });

note(`checksum ${checksum()}`);
