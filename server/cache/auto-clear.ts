import type { ContextCache } from "./context-cache.ts";
import { evictionScore } from "./eviction-score.ts";
import { createHeapSampler, type HeapSample, type HeapSampler } from "./heap-sampler.ts";
import { logger } from "../core/logger.ts";

const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

export interface AutoClearOptions {
  cache: ContextCache;
  /** Fractions of the heap limit: evicting starts above `high` and goes on until under `low`. */
  highWatermark: number;
  lowWatermark: number;
  /** How often `start()` samples the heap. */
  intervalMs: number;
  /** Defaults to V8's heap statistics. */
  sampler?: HeapSampler;
  now?: () => number;
  /** A full collection, to confirm progress; defaults to `global.gc` when node runs with --expose-gc. */
  collectGarbage?: () => void;
}

/** One AutoClear run: what the heap was (and is estimated to be after), what it evicted. */
export interface AutoClearRun {
  /** When the run started. */
  at: string;
  ms: number;
  usedBefore: number;
  usedAfter: number;
  limit: number;
  evicted: number;
  evictedBytes: number;
  /** False when every evictable context went and the heap is still over the low watermark. */
  reachedLowWatermark: boolean;
}

/**
 * Seed 001's AutoClear: when the process heap passes the high watermark, evicts contexts with
 * reason "pressure" in order of evictionScore (big, idle, rarely used first) until the heap is
 * under the low watermark. Never a pinned or loading context; evicting never loses data.
 *
 * The heap does not shrink until V8 collects, so progress is estimated from evicted bytes not
 * yet seen released (see #estimate), and confirmed with a collection when one can be forced.
 */
export class AutoClear {
  readonly #o: Required<Omit<AutoClearOptions, "collectGarbage" | "sampler">> &
    Pick<AutoClearOptions, "collectGarbage">;
  readonly #sampler: HeapSampler;
  #timer?: NodeJS.Timeout;
  #runs = 0;
  #evicted = 0;
  #evictedBytes = 0;
  #lastRun: AutoClearRun | null = null;
  #lastSample: HeapSample | null = null;
  // Evicted bytes since `#baseline` was sampled, and the major-GC count then (see #estimate).
  #credit = 0;
  #baseline = 0;
  #creditGcs: number | undefined;

  constructor(options: AutoClearOptions) {
    const gc = (globalThis as { gc?: () => void }).gc;
    this.#o = { now: Date.now, collectGarbage: gc, ...options };
    this.#sampler = options.sampler ?? createHeapSampler();
  }

  /** Samples every `intervalMs` until stop(). */
  start() {
    this.#timer ??= setInterval(() => {
      try {
        const run = this.check();
        if (run)
          logger().info(
            { component: "auto-clear", evicted: run.evicted, evictedBytes: run.evictedBytes, ms: run.ms },
            `heap at ${pct(run.usedBefore, run.limit)} of its limit: evicted ${run.evicted} contexts (${mib(run.evictedBytes)} estimated) in ${run.ms} ms, now about ${pct(run.usedAfter, run.limit)}`,
          );
      } catch (err) {
        logger().error({ component: "auto-clear", err }, "heap check failed");
      }
    }, this.#o.intervalMs).unref();
  }

  stop() {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#sampler.close();
  }

  /** Samples the heap once; past the high watermark, evicts until under the low one. */
  check(): AutoClearRun | null {
    const { cache, highWatermark, lowWatermark, now, collectGarbage } = this.#o;
    const first = this.#sample();
    let used = this.#estimate(first);
    if (used <= highWatermark * first.limit) return null;
    const at = now();
    const started = performance.now();
    const target = lowWatermark * first.limit;
    // Ids, not the contexts: a list holding them would keep every evicted one from being collected.
    const candidates = [...cache.values()]
      .filter((v) => cache.evictable(v))
      .map((v) => ({ id: v.id, score: evictionScore(v, now()) }))
      .sort((a, b) => b.score - a.score);
    let evicted = 0;
    let evictedBytes = 0;
    let confirmed = false;
    for (const { id } of candidates) {
      if (used <= target) {
        if (!collectGarbage) break;
        // Estimated under: a full collection says whether the heap really is.
        used = this.#collect(collectGarbage);
        confirmed = used <= target;
        if (confirmed) break;
      }
      const value = cache.peek(id);
      const bytes = value?.bytes ?? 0;
      if (!value || !cache.evict(value, "pressure")) continue;
      evicted++;
      evictedBytes += bytes;
      this.#addCredit(bytes);
      used -= bytes;
    }
    if (collectGarbage && evicted > 0 && !confirmed) used = this.#collect(collectGarbage);
    this.#runs++;
    this.#evicted += evicted;
    this.#evictedBytes += evictedBytes;
    const run: AutoClearRun = {
      at: new Date(at).toISOString(),
      ms: Math.round((performance.now() - started) * 100) / 100,
      usedBefore: first.used,
      usedAfter: Math.round(used),
      limit: first.limit,
      evicted,
      evictedBytes,
      reachedLowWatermark: used <= target,
    };
    this.#lastRun = run;
    return run;
  }

  stats() {
    return {
      runs: this.#runs,
      evicted: this.#evicted,
      evictedBytes: this.#evictedBytes,
      highWatermark: this.#o.highWatermark,
      lowWatermark: this.#o.lowWatermark,
      intervalMs: this.#o.intervalMs,
      lastRun: this.#lastRun,
    };
  }

  /** Collects garbage and samples again: the reading is then the truth, with nothing left to credit. */
  #collect(collectGarbage: () => void): number {
    collectGarbage();
    this.#credit = 0;
    return this.#sample().used;
  }

  #sample(): HeapSample {
    const sample = this.#sampler.sample();
    // A major collection ran since the evictions: the reading now reflects them all.
    if (sample.majorGcs !== undefined && sample.majorGcs !== this.#creditGcs) this.#credit = 0;
    this.#lastSample = sample;
    return sample;
  }

  /**
   * Heap in use, less evicted bytes the heap has not yet been seen to release: whatever it
   * shrank by since the first of those evictions counts as released.
   */
  #estimate(sample: HeapSample): number {
    const released = Math.max(0, this.#baseline - sample.used);
    return sample.used - Math.max(0, this.#credit - released);
  }

  #addCredit(bytes: number) {
    if (this.#credit === 0) {
      this.#baseline = this.#lastSample!.used;
      this.#creditGcs = this.#lastSample!.majorGcs;
    }
    this.#credit += bytes;
  }
}
