import { evictionReasons, readHeap, type AutoClear, type ContextCache, type EvictionReason } from "../cache/index.ts";

/**
 * Cache-wide figures: contexts and bytes against their budgets, lookups and the hit ratio,
 * loads, evictions by reason (count and estimated bytes), the heap AutoClear watches (against
 * its usable limit) and its runs.
 */
export function cacheOverview({ cache, autoClear }: { cache: ContextCache; autoClear: AutoClear }) {
  const s = cache.stats();
  return {
    contexts: s.contexts,
    maxContexts: s.maxContexts,
    bytes: s.bytes,
    maxBytes: s.maxBytes,
    hits: s.hits,
    misses: s.misses,
    hitRatio: Number(s.hitRatio.toFixed(4)),
    loads: s.loads,
    loadFailures: s.loadFailures,
    loading: s.loading,
    evictions: Object.fromEntries(
      evictionReasons.map((r) => [r, { count: s.evictions[r], bytes: s.evictionBytes[r] }]),
    ) as Record<EvictionReason, { count: number; bytes: number }>,
    heap: readHeap(),
    autoClear: autoClear.stats(),
  };
}

export type CacheOverview = ReturnType<typeof cacheOverview>;
