import { describe, expect, it } from "vitest";
import { ContextIDValue } from "../../../server/cache/context-id-value.ts";
import { CONTEXT_OVERHEAD, mapBytes, setBytes } from "../../../server/cache/estimate-bytes.ts";
import { makeEntry, makeMeta } from "../../support/entries.ts";
import { runProbe } from "./run-probe.ts";

/** Loads contexts of one profile in a child node; returns the heap they retain and the estimate. */
const measure = (profile: string, contexts: number) =>
  runProbe<{ entries: number; measured: number; estimated: number }>("heap-probe.ts", [profile, String(contexts)]);

describe("byte estimate", () => {
  it.each([
    ["mixed", 1000],
    ["kb", 1000],
    ["small", 2000],
    ["large", 300],
    ["empty", 5000],
  ])(
    "%s values: the estimate is within 30 percent of the heap %i cached contexts retain",
    { timeout: 60_000 },
    async (profile, contexts) => {
      const { measured, estimated } = await measure(profile, contexts);
      expect(estimated / measured).toBeGreaterThan(0.7);
      expect(estimated / measured).toBeLessThan(1.3);
    },
  );

  it("comes back to a context's fixed cost when every entry is removed, whatever the order", () => {
    const ctx = new ContextIDValue(makeMeta(1), 0, 0);
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    for (const [i, key] of keys.entries())
      ctx.put(
        makeEntry(key, i % 2 ? "DATA" : "ENV", {
          keywords: [key, "shared", `g${i % 5}`],
          value: { n: i, text: "x".repeat(i * 10) },
        }),
      );
    const full = ctx.bytes;
    expect(full).toBeGreaterThan(CONTEXT_OVERHEAD + 40 * 100);
    for (const [i, key] of [...keys.entries()].reverse()) if (i % 3 === 0) ctx.remove(i % 2 ? "DATA" : "ENV", key);
    for (const [i, key] of keys.entries()) if (i % 3 !== 0) ctx.remove(i % 2 ? "DATA" : "ENV", key);
    expect(ctx.kv.size).toBe(0);
    expect(ctx.kv.tableBytes).toBe(0);
    expect(ctx.bytes).toBe(CONTEXT_OVERHEAD);
  });

  it("follows an update by the difference between the old and the new entry", () => {
    const ctx = new ContextIDValue(makeMeta(1), 0, 0);
    ctx.put(makeEntry("a", "DATA", { value: "x".repeat(1000) }));
    const big = ctx.bytes;
    ctx.put(makeEntry("a", "DATA", { value: "x".repeat(10) }));
    // Only the value changed: a 1000-char string (16 + 1000 bytes) became a 10-char one (16 + 10, aligned to 8).
    expect(big - ctx.bytes).toBe(1016 - 32);
  });

  it("charges maps and sets as V8 grows them: by powers of two, from four", () => {
    expect(mapBytes(0)).toBe(mapBytes(4));
    expect(mapBytes(5)).toBeGreaterThan(mapBytes(4));
    expect(mapBytes(8)).toBe(mapBytes(5));
    expect(setBytes(1)).toBeLessThan(mapBytes(1));
  });
});
