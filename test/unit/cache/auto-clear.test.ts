import { afterEach, describe, expect, it, vi } from "vitest";
import { AutoClear, type AutoClearRun } from "../../../server/cache/auto-clear.ts";
import { ContextCache } from "../../../server/cache/context-cache.ts";
import { ContextIDValue } from "../../../server/cache/context-id-value.ts";
import type { HeapSample } from "../../../server/cache/heap-sampler.ts";
import { makeEntry, makeMeta } from "../../support/entries.ts";
import { runProbe } from "./run-probe.ts";

const MIN = 60_000;
let clock = 0;
const now = () => clock;

/** A context of about `kb` KiB whose last access was `idleMin` minutes ago, accessed `accesses` times then. */
function ctx(id: number, kb: number, idleMin: number, accesses = 1) {
  const v = new ContextIDValue(makeMeta(id), 0, clock - idleMin * MIN);
  if (kb > 0) v.put(makeEntry("payload", "DATA", { value: "x".repeat(kb * 1024) }));
  for (let i = 0; i < accesses; i++) v.touch(clock - idleMin * MIN);
  return v;
}

/** A heap that is `base` plus whatever the cache holds, and releases evicted bytes at once (as after a GC). */
const heapOf =
  (cache: ContextCache, base: number, limit: number): (() => HeapSample) =>
  () => ({ used: base + cache.bytes, limit });

function setup(
  contexts: ContextIDValue[],
  sample: (cache: ContextCache) => () => HeapSample,
  collectGarbage?: () => void,
) {
  const cache = new ContextCache({ maxContexts: 1000, maxBytes: 1e12, now });
  for (const c of contexts) cache.set(c);
  const autoClear = new AutoClear({
    cache,
    highWatermark: 0.75,
    lowWatermark: 0.6,
    intervalMs: 1000,
    now,
    sampler: { sample: sample(cache), close() {} },
    collectGarbage,
  });
  return { cache, autoClear };
}

afterEach(() => {
  clock = 0;
  vi.useRealTimers();
});

describe("AutoClear", () => {
  it("does nothing while the heap is under the high watermark", () => {
    const { autoClear, cache } = setup([ctx(1, 100, 0), ctx(2, 100, 0)], (cache) => heapOf(cache, 0, 1e6));
    expect(autoClear.check()).toBeNull();
    expect(cache.size).toBe(2);
    expect(autoClear.stats().runs).toBe(0);
  });

  it("past the high watermark evicts big, idle, rarely used contexts first, until under the low watermark", () => {
    clock = 100 * MIN;
    const contexts = [
      ctx(1, 100, 1, 30), // big but busy
      ctx(2, 100, 60), // big and idle for an hour
      ctx(3, 10, 60), // small and idle for an hour
      ctx(4, 100, 5), // big, idle for five minutes
      ctx(5, 10, 0, 30), // small and busy
    ];
    const order: number[] = [];
    const cache = new ContextCache({
      maxContexts: 100,
      maxBytes: 1e12,
      now,
      onEvict: (v, reason) => reason === "pressure" && order.push(v.id),
    });
    for (const c of contexts) cache.set(c);
    // The heap is the cache plus 300 KiB, at 80% of its limit: a quarter of it must go.
    const base = 300 * 1024;
    const limit = (cache.bytes + base) / 0.8;
    const autoClear = new AutoClear({
      cache,
      highWatermark: 0.75,
      lowWatermark: 0.6,
      intervalMs: 1000,
      now,
      sampler: { sample: heapOf(cache, base, limit), close() {} },
    });

    const run = autoClear.check()!;
    // The hour-idle ones first (the bigger first), then the big one idle for five minutes; the busy ones stay.
    expect(order).toEqual([2, 3, 4]);
    expect(run.reachedLowWatermark).toBe(true);
    expect(run.usedAfter).toBeLessThanOrEqual(0.6 * limit);
    // It stopped as soon as it was under: one eviction fewer would have left it above.
    const lastEvicted = contexts.find((c) => c.id === order.at(-1))!;
    expect(run.usedAfter + lastEvicted.bytes).toBeGreaterThan(0.6 * limit);
    expect(run.evicted).toBe(order.length);
    expect(autoClear.stats()).toMatchObject({ runs: 1, evicted: order.length, evictedBytes: run.evictedBytes });
    expect(cache.stats().evictions.pressure).toBe(order.length);
    expect(cache.stats().evictionBytes.pressure).toBe(run.evictedBytes);
  });

  it("scores by size, recency and access frequency together", () => {
    clock = 100 * MIN;
    const order: number[] = [];
    const cache = new ContextCache({ maxContexts: 100, maxBytes: 1e12, now, onEvict: (v) => order.push(v.id) });
    // 3: four times bigger; 1 and 2: used a minute ago, 2 twenty times; 4: used just now, once.
    [ctx(1, 10, 1, 1), ctx(2, 10, 1, 20), ctx(3, 40, 1, 1), ctx(4, 10, 0, 1)].forEach((c) => cache.set(c));
    // A heap far over the limit: everything evictable goes, in score order.
    const autoClear = new AutoClear({
      cache,
      highWatermark: 0.75,
      lowWatermark: 0.6,
      intervalMs: 1000,
      now,
      sampler: { sample: () => ({ used: 1e9, limit: 1e6 }), close() {} },
    });
    const run = autoClear.check()!;
    expect(order).toEqual([3, 1, 4, 2]);
    expect(run.reachedLowWatermark).toBe(false);
  });

  it("never evicts a pinned context or one being loaded", async () => {
    const pinned = ctx(1, 50, 60);
    pinned.pins++;
    const cache = new ContextCache({ maxContexts: 100, maxBytes: 1e12, now });
    cache.set(pinned);
    cache.set(ctx(2, 50, 60));
    // A write installed context 3 while a load of it is still in flight.
    let release!: (v: ContextIDValue) => void;
    const loading = cache.get(3, () => new Promise((r) => (release = r)));
    cache.set(ctx(3, 50, 60));
    expect(cache.isLoading(3)).toBe(true);
    const autoClear = new AutoClear({
      cache,
      highWatermark: 0.75,
      lowWatermark: 0.6,
      intervalMs: 1000,
      now,
      sampler: { sample: () => ({ used: 1e9, limit: 1e6 }), close() {} },
    });

    autoClear.check();
    expect([...cache.values()].map((v) => v.id).sort()).toEqual([1, 3]);
    release(ctx(3, 1, 0));
    await loading;
    pinned.pins--;
    autoClear.check();
    expect(cache.size).toBe(0);
    expect(autoClear.stats().runs).toBe(2);
  });

  it("counts evicted bytes as progress while the heap has not yet been collected", () => {
    const contexts = Array.from({ length: 10 }, (_, i) => ctx(i + 1, 100, 10 + i));
    // A heap that never shrinks by itself (no collection ran): 90% of its limit, sample after sample.
    const { cache, autoClear } = setup(contexts, () => () => ({ used: 900_000, limit: 1e6, majorGcs: 0 }));
    const run = autoClear.check()!;
    // Needs 300 KB gone: about three 100 KiB contexts, not all ten.
    expect(run.evicted).toBe(3);
    expect(run.reachedLowWatermark).toBe(true);
    // Still no collection: the evicted bytes still count, so the next sample evicts nothing more.
    expect(autoClear.check()).toBeNull();
    expect(cache.size).toBe(7);
  });

  it("trusts the heap again after a major collection", () => {
    const contexts = Array.from({ length: 10 }, (_, i) => ctx(i + 1, 100, 10 + i));
    let majorGcs = 0;
    const { cache, autoClear } = setup(contexts, () => () => ({ used: 900_000, limit: 1e6, majorGcs }));
    autoClear.check();
    expect(cache.size).toBe(7);
    // A collection ran and the heap is still at 90%: the evictions were not enough (something else grew).
    majorGcs++;
    expect(autoClear.check()!.evicted).toBe(3);
    expect(cache.size).toBe(4);
  });

  it("confirms progress with a full collection when one can be forced", () => {
    const contexts = Array.from({ length: 10 }, (_, i) => ctx(i + 1, 100, 10 + i));
    let used = 900_000;
    let collections = 0;
    // Each collection releases only half of what the estimate promised: AutoClear keeps going.
    const gc = () => {
      collections++;
      used -= 150_000;
    };
    const { cache, autoClear } = setup(contexts, () => () => ({ used, limit: 1e6 }), gc);
    const run = autoClear.check()!;
    expect(collections).toBeGreaterThanOrEqual(2);
    expect(run.usedAfter).toBeLessThanOrEqual(600_000);
    expect(run.reachedLowWatermark).toBe(true);
    expect(cache.size).toBeLessThan(7);
  });

  it("samples on its interval once started, until stopped", () => {
    vi.useFakeTimers();
    let samples = 0;
    const cache = new ContextCache({ maxContexts: 10, maxBytes: 1e9, now });
    const autoClear = new AutoClear({
      cache,
      highWatermark: 0.75,
      lowWatermark: 0.6,
      intervalMs: 1000,
      now,
      sampler: { sample: () => (samples++, { used: 0, limit: 1 }), close() {} },
    });
    autoClear.start();
    vi.advanceTimersByTime(3500);
    expect(samples).toBe(3);
    autoClear.stop();
    vi.advanceTimersByTime(5000);
    expect(samples).toBe(3);
  });

  it(
    "lets evicted contexts be collected: on a real heap, with real collections, it stops once under",
    { timeout: 60_000 },
    async () => {
      const { contexts, run, cached, heapRatio } = await runProbe<{
        contexts: number;
        run: AutoClearRun;
        cached: number;
        heapRatio: number;
      }>("auto-clear-probe.ts", []);
      expect(run.reachedLowWatermark).toBe(true);
      expect(heapRatio).toBeLessThanOrEqual(0.6);
      expect(run.evicted).toBeLessThan(contexts / 2);
      expect(cached).toBe(contexts - run.evicted);
    },
  );
});
