import type { ContextCache, ContextIDValue } from "../cache/index.ts";
import { formatPublicId } from "../core/public-id.ts";

export type TopBy = "bytes" | "accesses";

const measure: Record<TopBy, (v: ContextIDValue) => number> = {
  bytes: (v) => v.bytes,
  accesses: (v) => v.accessCount,
};

/**
 * The `n` cached contexts with the most bytes (or accesses), largest first, with their public
 * ids. One pass over the cache keeping a sorted list of n: no copy of the whole cache is sorted.
 */
export function topContexts(cache: ContextCache, n: number, by: TopBy, now: number) {
  const of = measure[by];
  const top: ContextIDValue[] = [];
  for (const value of cache.values()) {
    const m = of(value);
    if (top.length === n && m <= of(top[n - 1]!)) continue;
    let i = top.length;
    while (i > 0 && of(top[i - 1]!) < m) i--;
    top.splice(i, 0, value);
    if (top.length > n) top.pop();
  }
  return top.map((v) => ({
    contextId: formatPublicId(v.meta),
    user: v.meta.user,
    application: v.meta.application,
    ...v.metrics(now),
  }));
}
