import { describe, expect, it } from "vitest";
import { ContextCache } from "../../../server/cache/context-cache.ts";
import { ContextIDValue } from "../../../server/cache/context-id-value.ts";
import { makeEntry, makeMeta } from "../../support/entries.ts";

const ctx = (id: number, entries = 0) => {
  const v = new ContextIDValue(makeMeta(id), 0, 0);
  for (let i = 0; i < entries; i++) v.put(makeEntry(`k${i}`, "DATA", { value: "x".repeat(100) }));
  return v;
};

describe("ContextCache", () => {
  it("evicts the least recently used context past the count bound", () => {
    const evicted: number[] = [];
    const cache = new ContextCache({
      maxContexts: 3,
      maxBytes: 1e9,
      onEvict: (v, reason) => evicted.push(v.id) && expect(reason).toBe("count"),
    });
    [1, 2, 3].forEach((i) => cache.set(ctx(i)));
    void cache.get(1, async () => null); // 1 is now the most recent
    cache.set(ctx(4));
    expect(evicted).toEqual([2]);
    expect([...cache.values()].map((v) => v.id)).toEqual([3, 1, 4]);
    expect(cache.stats().evictions.count).toBe(1);
  });

  it("evicts by estimated bytes and keeps its byte total in step with puts and removes", () => {
    const one = ctx(1, 10).bytes;
    const cache = new ContextCache({ maxContexts: 100, maxBytes: one * 2.5 });
    cache.set(ctx(1, 10));
    cache.set(ctx(2, 10));
    expect(cache.bytes).toBe(one * 2);
    const c2 = cache.peek(2)!;
    c2.remove("DATA", "k0");
    expect(cache.bytes).toBeLessThan(one * 2);
    c2.put(makeEntry("k0", "DATA", { value: "x".repeat(100) }));
    expect(cache.bytes).toBe(one * 2);
    cache.set(ctx(3, 10));
    expect(cache.has(1)).toBe(false);
    expect(cache.stats().evictions.bytes).toBe(1);
    expect(cache.bytes).toBe(one * 2);
  });

  it("never evicts a pinned context", () => {
    const cache = new ContextCache({ maxContexts: 1, maxBytes: 1e9 });
    const pinned = ctx(1);
    cache.set(pinned);
    pinned.pins++;
    cache.set(ctx(2));
    expect(cache.has(1)).toBe(true);
    pinned.pins--;
    cache.enforceBounds();
    expect(cache.has(1)).toBe(false);
    expect(cache.has(2)).toBe(true);
  });

  it("shares one load among concurrent misses and counts hits and misses", async () => {
    const cache = new ContextCache({ maxContexts: 10, maxBytes: 1e9 });
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const loader = async () => {
      loads++;
      await gate;
      return ctx(7);
    };
    const waiting = [cache.get(7, loader), cache.get(7, loader), cache.get(7, loader)];
    expect(cache.isLoading(7)).toBe(true);
    release();
    const values = await Promise.all(waiting);
    expect(loads).toBe(1);
    expect(new Set(values).size).toBe(1);
    await cache.get(7, loader);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 3, loads: 1 });
  });

  it("does not cache a context that does not exist, and lets a failed load be retried", async () => {
    const cache = new ContextCache({ maxContexts: 10, maxBytes: 1e9 });
    expect(await cache.get(1, async () => null)).toBeNull();
    expect(cache.has(1)).toBe(false);
    await expect(cache.get(2, async () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(cache.isLoading(2)).toBe(false);
    expect(await cache.get(2, async () => ctx(2))).not.toBeNull();
  });

  it("explicit delete is counted apart from evictions", () => {
    const cache = new ContextCache({ maxContexts: 10, maxBytes: 1e9 });
    cache.set(ctx(1, 3));
    expect(cache.delete(1)).toBe(true);
    expect(cache.delete(1)).toBe(false);
    expect(cache.bytes).toBe(0);
    expect(cache.stats().evictions).toMatchObject({ explicit: 1, count: 0, bytes: 0 });
  });
});
