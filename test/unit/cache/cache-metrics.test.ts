import { describe, expect, it } from "vitest";
import { ContextCache } from "../../../server/cache/context-cache.ts";
import { ContextIDValue } from "../../../server/cache/context-id-value.ts";
import { entryBytes } from "../../../server/cache/estimate-bytes.ts";
import { makeEntry, makeMeta } from "../../support/entries.ts";

describe("per-context metrics", () => {
  it("follow adds, updates and removes: bytes, entries by type", () => {
    const ctx = new ContextIDValue(makeMeta(1), 12.5, 0);
    const empty = ctx.metrics(0);
    expect(empty).toMatchObject({
      entries: 0,
      entriesByType: {},
      accessCount: 0,
      hits: 0,
      misses: 0,
      loadMs: 12.5,
      pinned: false,
    });

    ctx.put(makeEntry("a", "DATA", { value: "x".repeat(500) }));
    ctx.put(makeEntry("b", "DATA"));
    ctx.put(makeEntry("c", "ENV"));
    const added = ctx.metrics(0);
    expect(added.entries).toBe(3);
    expect(added.entriesByType).toEqual({ DATA: 2, ENV: 1 });
    expect(added.bytes).toBeGreaterThan(empty.bytes + 500);

    ctx.put(makeEntry("a", "DATA", { value: "short" }));
    const updated = ctx.metrics(0);
    expect(updated.entries).toBe(3);
    expect(added.bytes - updated.bytes).toBe(
      entryBytes(makeEntry("a", "DATA", { value: "x".repeat(500) })) -
        entryBytes(makeEntry("a", "DATA", { value: "short" })),
    );

    ctx.remove("ENV", "c");
    expect(ctx.metrics(0)).toMatchObject({ entries: 2, entriesByType: { DATA: 2 } });
    expect(ctx.metrics(0).bytes).toBeLessThan(updated.bytes);
  });

  it("count accesses, with a rate that decays and a last access time", () => {
    const ctx = new ContextIDValue(makeMeta(1), 0, 0);
    for (let i = 0; i < 6; i++) ctx.touch(1000 * i, i > 0);
    const m = ctx.metrics(5000);
    expect(m).toMatchObject({ accessCount: 6, hits: 5, lastAccess: new Date(5000).toISOString() });
    expect(m.accessRate).toBeGreaterThan(0.09);
    expect(ctx.metrics(5000 + 5 * 60_000).accessRate).toBeLessThan(m.accessRate / 100);
  });
});

describe("cache-wide metrics", () => {
  const clock = { t: 0 };
  const now = () => clock.t;
  const ctx = (id: number, entries = 1) => {
    const v = new ContextIDValue(makeMeta(id), 0, now());
    for (let i = 0; i < entries; i++) v.put(makeEntry(`k${i}`, "DATA", { value: "x".repeat(200) }));
    return v;
  };

  it("count hits, misses (per context too), loads and the hit ratio", async () => {
    const cache = new ContextCache({ maxContexts: 10, maxBytes: 1e9, now });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const waiting = [1, 2, 3].map(() => cache.get(1, async () => (await gate, ctx(1))));
    release();
    const [loaded] = await Promise.all(waiting);
    await cache.get(1, async () => null);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 3, loads: 1, hitRatio: 0.25, contexts: 1 });
    expect(loaded!.metrics(now())).toMatchObject({ hits: 1, misses: 3, accessCount: 2 });
  });

  it("count evictions and their bytes by reason, and keep bytes vs budget", () => {
    const one = ctx(0, 3).bytes;
    const cache = new ContextCache({ maxContexts: 3, maxBytes: one * 2.5, now });
    cache.set(ctx(1, 3));
    cache.set(ctx(2, 3));
    expect(cache.stats()).toMatchObject({ contexts: 2, bytes: 2 * one, maxBytes: one * 2.5, maxContexts: 3 });
    cache.set(ctx(3, 3)); // over the byte budget: 1 goes
    cache.set(ctx(4, 0));
    cache.set(ctx(5, 0)); // over the count: 2 goes
    cache.evict(cache.peek(3)!, "pressure");
    cache.delete(4);
    const s = cache.stats();
    expect(s.evictions).toEqual({ bytes: 1, count: 1, pressure: 1, explicit: 1 });
    expect(s.evictionBytes).toEqual({ bytes: one, count: one, pressure: one, explicit: ctx(0, 0).bytes });
    expect(s.evictedBytes).toBe(3 * one);
    expect(s.bytes).toBe(ctx(0, 0).bytes);
    expect(s.contexts).toBe(1);
  });

  it("the LRU skips a context being loaded, as it skips a pinned one", async () => {
    const cache = new ContextCache({ maxContexts: 1, maxBytes: 1e9, now });
    let release!: (v: ContextIDValue) => void;
    const loading = cache.get(1, () => new Promise((r) => (release = r)));
    cache.set(ctx(1)); // a write installed it meanwhile
    cache.set(ctx(2));
    expect(cache.has(1)).toBe(true);
    release(ctx(1));
    await loading;
    cache.enforceBounds();
    expect(cache.has(1)).toBe(false);
    expect(cache.stats().evictions.count).toBe(1);
  });
});
