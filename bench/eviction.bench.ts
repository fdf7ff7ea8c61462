/**
 * Issue 4's eviction benchmark: fill the cache with twice its byte budget of 1 KB entries.
 *
 * - `bytes`: a 64 MiB budget in this process; the LRU by estimated bytes holds the line. Reports
 *   the peak heap growth over the budget (garbage included) and what is retained after a GC.
 * - `pressure`: a child node with a 256 MiB heap and the byte budget set to the whole heap, so
 *   only AutoClear stands between the cache and an out-of-memory crash. Reports the peak heap,
 *   AutoClear's runs and how long it takes to get under the low watermark, once without
 *   --expose-gc (as a server runs: progress estimated from evicted bytes) and once with it
 *   (progress confirmed by full collections).
 */
import { spawn } from "node:child_process";
import { setImmediate as yieldToTimers } from "node:timers/promises";
import v8 from "node:v8";
import { AutoClear, type AutoClearRun } from "../server/cache/auto-clear.ts";
import { ContextCache } from "../server/cache/context-cache.ts";
import { readHeap } from "../server/cache/heap-sampler.ts";
import { envSchema } from "../server/config/env.ts";
import { heapUsed, note, printFigure } from "./lib/figures.ts";
import { kbContext, kbRows, randomText, VALUE_BYTES } from "./lib/kb-contexts.ts";
import { seededRandom } from "./lib/prng.ts";

const bench = "eviction";
const ENTRIES = 100; // per context: ~100 KiB of payload each
const MiB = 2 ** 20;
const random = seededRandom(0x5eed_0005);
const source = randomText(random, 64 * 1024);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Caches contexts until `total` bytes of payload went in; calls `step` after each. */
async function fill(cache: ContextCache, total: number, step: () => void | Promise<void>) {
  const contexts = Math.ceil(total / (ENTRIES * VALUE_BYTES));
  for (let id = 1; id <= contexts; id++) {
    cache.set(kbContext(id, kbRows(random, id, ENTRIES, source)));
    await step();
  }
  return contexts;
}

async function bytesBudget() {
  const budget = 64 * MiB;
  const data = { budget, filled: 2 * budget, valueBytes: VALUE_BYTES, entriesPerContext: ENTRIES };
  const cache = new ContextCache({ maxContexts: 1e6, maxBytes: budget });
  const base = heapUsed();
  let peak = 0;
  const started = performance.now();
  await fill(cache, 2 * budget, () => {
    peak = Math.max(peak, v8.getHeapStatistics().used_heap_size);
  });
  const ms = performance.now() - started;
  const retained = heapUsed() - base;
  const s = cache.stats();
  note(
    `bytes: filled ${((2 * budget) / MiB).toFixed(0)} MiB through a ${budget / MiB} MiB budget in ${(ms / 1000).toFixed(1)} s; ${s.evictions.bytes} evictions`,
  );
  printFigure({
    bench,
    metric: "bytes.peakHeapOverBudget",
    value: peak - base - budget,
    unit: "bytes",
    ...data,
    of: "peak heap growth (garbage included) - budget",
  });
  printFigure({
    bench,
    metric: "bytes.peakHeap.ratio",
    value: Number(((peak - base) / budget).toFixed(3)),
    unit: "ratio",
    ...data,
    of: "peak heap growth / budget",
  });
  printFigure({
    bench,
    metric: "bytes.retainedOverBudget",
    value: retained - budget,
    unit: "bytes",
    ...data,
    of: "heap retained after GC - budget",
  });
  printFigure({
    bench,
    metric: "bytes.cached",
    value: s.bytes,
    unit: "bytes",
    ...data,
    of: "ContextCache.bytes at the end",
    evictions: s.evictions.bytes,
  });
}

/** Runs in the child: fills twice the heap through AutoClear, prints its own figures. */
async function pressure(mode: "estimate" | "gc") {
  const defaults = envSchema.parse({});
  const { limit } = readHeap();
  const budget = limit;
  const high = defaults.CACHE_HEAP_HIGH_WATERMARK * limit;
  const low = defaults.CACHE_HEAP_LOW_WATERMARK * limit;
  const cache = new ContextCache({ maxContexts: 1e6, maxBytes: budget });
  const autoClear = new AutoClear({
    cache,
    highWatermark: defaults.CACHE_HEAP_HIGH_WATERMARK,
    lowWatermark: defaults.CACHE_HEAP_LOW_WATERMARK,
    intervalMs: 100,
  });
  autoClear.start();
  const data = {
    mode,
    heapLimit: limit,
    budget,
    filled: 2 * budget,
    highWatermark: defaults.CACHE_HEAP_HIGH_WATERMARK,
    lowWatermark: defaults.CACHE_HEAP_LOW_WATERMARK,
    sampleMs: 100,
    valueBytes: VALUE_BYTES,
  };

  const runs: AutoClearRun[] = [];
  const realUnderLow: number[] = []; // from a run's start to a heap sample under the low watermark
  let pendingSince: number | null = null;
  let peak = 0;
  await fill(cache, 2 * budget, async () => {
    peak = Math.max(peak, v8.getHeapStatistics().used_heap_size);
    // Let AutoClear's timer in, as a server's event loop would between requests.
    await yieldToTimers();
    // Sampled before the next context goes in: what AutoClear left, plus what V8 has collected since.
    const used = v8.getHeapStatistics().used_heap_size;
    const last = autoClear.stats().lastRun;
    if (last && last !== runs.at(-1)) {
      runs.push(last);
      pendingSince ??= Date.parse(last.at);
    }
    if (pendingSince !== null && used <= low) {
      realUnderLow.push(Date.now() - pendingSince);
      pendingSince = null;
    }
  });
  autoClear.stop();

  const s = cache.stats();
  note(
    `pressure (${mode}): filled ${((2 * budget) / MiB).toFixed(0)} MiB through a ${(limit / MiB).toFixed(0)} MiB heap; ${runs.length} AutoClear runs, ${s.evictions.pressure} contexts evicted, peak ${((100 * peak) / limit).toFixed(0)}% of the heap`,
  );
  printFigure({
    bench,
    metric: `pressure.${mode}.peakHeap.ratio`,
    value: Number((peak / limit).toFixed(3)),
    unit: "ratio",
    ...data,
    of: "peak heap used / usable heap limit",
  });
  printFigure({
    bench,
    metric: `pressure.${mode}.peakHeapOverBudget`,
    value: peak - budget,
    unit: "bytes",
    ...data,
    of: "peak heap used - byte budget (negative: stayed under)",
  });
  printFigure({
    bench,
    metric: `pressure.${mode}.autoClearRuns`,
    value: runs.length,
    unit: "runs",
    ...data,
    evicted: s.evictions.pressure,
    reachedLowWatermark: runs.filter((r) => r.reachedLowWatermark).length,
  });
  printFigure({
    bench,
    metric: `pressure.${mode}.runMs.median`,
    value: median(runs.map((r) => r.ms)),
    unit: "ms",
    ...data,
    max: Math.max(0, ...runs.map((r) => r.ms)),
    of:
      mode === "gc"
        ? "one run, full collections included, to a heap confirmed under the low watermark"
        : "one run, until the estimate is under the low watermark",
  });
  printFigure({
    bench,
    metric: `pressure.${mode}.heapUnderLowWatermarkMs.median`,
    value: median(realUnderLow),
    unit: "ms",
    ...data,
    max: Math.max(0, ...realUnderLow),
    samples: realUnderLow.length,
    of: "from a run's start to a measured heap under the low watermark",
  });
  if (s.evictions.bytes > 0)
    throw new Error("the byte bound evicted: the budget should only be reached through AutoClear");
  if (high <= low) throw new Error("bad watermarks");
}

function child(mode: "estimate" | "gc"): Promise<void> {
  const flags = [
    "--max-old-space-size=256",
    ...(mode === "gc" ? ["--expose-gc"] : []),
    "--import",
    "tsx",
    import.meta.filename,
    "pressure",
    mode,
  ];
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, flags, { stdio: ["ignore", "inherit", "inherit"] });
    p.on("error", reject);
    p.on("exit", (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`pressure child (${mode}) exited with ${signal ?? code}: did the heap run out?`)),
    );
  });
}

if (process.argv[2] === "pressure") {
  await pressure(process.argv[3] === "gc" ? "gc" : "estimate");
} else {
  await bytesBudget();
  await child("estimate");
  await child("gc");
}
