import { describe, expect, it } from "vitest";
import { createHeapSampler, usableHeapLimit } from "../../../server/cache/heap-sampler.ts";

const MiB = 2 ** 20;

describe("heap sampler", () => {
  it("leaves V8's young-generation reserve out of the limit, as set by --max-semi-space-size", () => {
    // node --max-old-space-size=96 reports heap_size_limit 144 MiB: 96 + 3 × 16.
    expect(usableHeapLimit(144 * MiB, "--max-old-space-size=96")).toBe(96 * MiB);
    expect(usableHeapLimit(108 * MiB, "--max-old-space-size=96 --max-semi-space-size=4")).toBe(96 * MiB);
    expect(usableHeapLimit(4144 * MiB, "")).toBe(4096 * MiB);
    // Never more than half the limit, however the flags read.
    expect(usableHeapLimit(64 * MiB, "--max-semi-space-size=64")).toBe(32 * MiB);
  });

  it("samples the heap in use below its usable limit", () => {
    const sampler = createHeapSampler();
    try {
      const s = sampler.sample();
      expect(s.used).toBeGreaterThan(0);
      expect(s.limit).toBeGreaterThan(s.used);
      expect(s.majorGcs).toBeGreaterThanOrEqual(0);
    } finally {
      sampler.close();
    }
  });
});
