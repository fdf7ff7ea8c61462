import { describe, expect, it } from "vitest";
import { MetricsHistory, type MetricsReading } from "../../../server/metrics/metrics-history.ts";

function ring(capacity: number) {
  let now = 0;
  let reading: MetricsReading = {
    bytes: 0,
    maxBytes: 100,
    contexts: 0,
    hits: 0,
    misses: 0,
    heapUsed: 1,
    heapLimit: 10,
  };
  const history = new MetricsHistory({ read: () => reading, intervalMs: 10, capacity, now: () => now });
  const sampleAt = (time: number, change: Partial<MetricsReading>) => {
    now = time;
    reading = { ...reading, ...change };
    history.sample();
  };
  return { history, sampleAt };
}

describe("MetricsHistory", () => {
  it("keeps the newest samples up to its capacity, oldest first", () => {
    const { history, sampleAt } = ring(3);
    for (let t = 1; t <= 5; t++) sampleAt(t * 10, { bytes: t });
    expect(history.size).toBe(3);
    expect(history.range(0, 100, 100).map((p) => [p.time, p.bytes])).toEqual([
      [30, 3],
      [40, 4],
      [50, 5],
    ]);
  });

  it("stores hits and misses per sample, so a span's hit ratio is its own; none is a null ratio, not 0", () => {
    const { history, sampleAt } = ring(10);
    sampleAt(10, { hits: 500, misses: 500 }); // counted since start: not this sample's
    sampleAt(20, { hits: 503, misses: 501 });
    sampleAt(30, {});
    expect(history.range(0, 100, 100).map((p) => [p.hits, p.misses, p.hitRatio])).toEqual([
      [0, 0, null],
      [3, 1, 0.75],
      [0, 0, null],
    ]);
  });

  it("answers only the asked time range, merged into at most the asked number of points", () => {
    const { history, sampleAt } = ring(100);
    for (let t = 1; t <= 40; t++) sampleAt(t * 10, { bytes: t, hits: t * 2, misses: t });
    const inRange = history.range(105, 300, 100);
    expect(inRange.map((p) => p.time)).toEqual(Array.from({ length: 20 }, (_, i) => 110 + i * 10));
    const merged = history.range(105, 300, 4);
    expect(merged).toHaveLength(4);
    // Each point holds 5 samples: its last gauges, the sum of its hits and misses.
    expect(merged[0]).toMatchObject({ time: 150, bytes: 15, hits: 10, misses: 5 });
    expect(merged[3]).toMatchObject({ time: 300, bytes: 30, hits: 10, misses: 5 });
    expect(merged[0]!.hitRatio).toBeCloseTo(2 / 3);
  });
});
