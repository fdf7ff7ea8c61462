import { constants, PerformanceObserver, type NodeGCPerformanceDetail } from "node:perf_hooks";
import v8 from "node:v8";

/** One reading of the heap; `majorGcs` counts full collections seen so far, when known. */
export interface HeapSample {
  used: number;
  limit: number;
  majorGcs?: number;
}

export interface HeapSampler {
  sample(): HeapSample;
  close(): void;
}

/**
 * V8's heap_size_limit includes three semi-spaces of young generation (16 MiB each by default
 * on 64-bit) that long-lived data never occupies: the process dies when the old generation is
 * full, with the young reserve unused (at --max-old-space-size=96 that is 66% of the limit). The
 * usable limit leaves the reserve out, so watermarks mean the same on a small heap as on a big one.
 */
export function usableHeapLimit(
  heapSizeLimit: number,
  flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].join(" "),
): number {
  const semiSpaceMiB = Number(/--max-semi-space-size[= ](\d+)/.exec(flags)?.[1] ?? 16);
  return heapSizeLimit - Math.min(3 * semiSpaceMiB * 2 ** 20, heapSizeLimit / 2);
}

/** Heap in use and the usable limit, now. */
export function readHeap(): HeapSample {
  const heap = v8.getHeapStatistics();
  return { used: heap.used_heap_size, limit: usableHeapLimit(heap.heap_size_limit) };
}

/**
 * Samples V8's heap: used bytes (process.memoryUsage().heapUsed, read without its RSS syscall)
 * against the usable heap limit, and counts major collections, after which a reading reflects
 * every eviction made before it.
 */
export function createHeapSampler(): HeapSampler {
  let majorGcs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as unknown as { detail?: NodeGCPerformanceDetail };
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcs++;
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    sample: () => ({ ...readHeap(), majorGcs }),
    close: () => observer.disconnect(),
  };
}
