/**
 * Run as `node --expose-gc --import tsx auto-clear-probe.ts`: caches 40 contexts of ~1 MiB, then
 * lets AutoClear, with real garbage collection, bring the real heap from 80% to under 60% of a
 * limit set around it. Prints the run as JSON. Were the evicted contexts still referenced (by
 * AutoClear itself, say), collections would not shrink the heap and it would evict them all.
 */
import { AutoClear } from "../../../server/cache/auto-clear.ts";
import { ContextCache } from "../../../server/cache/context-cache.ts";
import { ContextIDValue } from "../../../server/cache/context-id-value.ts";
import { makeEntry, makeMeta } from "../../support/entries.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
const CONTEXTS = 40;
const cache = new ContextCache({ maxContexts: 100, maxBytes: 2 ** 40 });
for (let id = 1; id <= CONTEXTS; id++) {
  const ctx = new ContextIDValue(makeMeta(id), 0, Date.now() - id * 1000);
  ctx.put(makeEntry("payload", "DATA", { value: JSON.parse(JSON.stringify(String(id).padEnd(1 << 20, "x"))) }));
  cache.set(ctx);
}
gc();
const used = () => process.memoryUsage().heapUsed;
const limit = used() / 0.8;
const autoClear = new AutoClear({
  cache,
  highWatermark: 0.75,
  lowWatermark: 0.6,
  intervalMs: 1000,
  sampler: { sample: () => ({ used: used(), limit }), close() {} },
  collectGarbage: gc,
});
const run = autoClear.check();
// Measure what is live, as AutoClear did after its own collection: without a GC here the
// garbage the run itself made could tip the ratio over the watermark.
gc();
process.stdout.write(JSON.stringify({ contexts: CONTEXTS, run, cached: cache.size, heapRatio: used() / limit }) + "\n");
