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
 * Samples V8's heap: used bytes (process.memoryUsage().heapUsed, read without its RSS syscall)
 * against the heap limit, and counts major collections, after which a reading reflects every
 * eviction made before it.
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
    sample() {
      const heap = v8.getHeapStatistics();
      return { used: heap.used_heap_size, limit: heap.heap_size_limit, majorGcs };
    },
    close: () => observer.disconnect(),
  };
}
