/** The figures a sample keeps, in the order of the ring's columns. */
export const historyFigures = ["bytes", "maxBytes", "contexts", "hits", "misses", "heapUsed", "heapLimit"] as const;
export type HistoryFigure = (typeof historyFigures)[number];

/** What the sampler reads each time: gauges as they are, and the cumulative hit and miss counters. */
export type MetricsReading = Record<HistoryFigure, number>;

/** One point of a history answer; `hitRatio` is null when no lookup happened in its span. */
export interface HistoryPoint {
  time: number;
  bytes: number;
  maxBytes: number;
  contexts: number;
  heapUsed: number;
  heapLimit: number;
  hits: number;
  misses: number;
  hitRatio: number | null;
}

export interface MetricsHistoryOptions {
  read: () => MetricsReading;
  intervalMs: number;
  /** How many samples the ring keeps (24 h at 10 s is 8,640). */
  capacity: number;
  now?: () => number;
}

/**
 * The cache's figures over time, kept on the server so a reload (or another operator) sees the
 * same charts: a bounded ring of samples, one every `intervalMs`, in typed columns (8,640 samples
 * of 8 figures are 550 KB). Hits and misses are stored per sample (the counters' deltas), so a
 * span's hit ratio is its own, not the process's since start.
 */
export class MetricsHistory {
  #read: () => MetricsReading;
  #intervalMs: number;
  #now: () => number;
  #capacity: number;
  #times: Float64Array;
  #columns: Record<HistoryFigure, Float64Array>;
  #next = 0;
  #count = 0;
  #last: { hits: number; misses: number } | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor({ read, intervalMs, capacity, now = Date.now }: MetricsHistoryOptions) {
    this.#read = read;
    this.#intervalMs = intervalMs;
    this.#capacity = capacity;
    this.#now = now;
    this.#times = new Float64Array(capacity);
    this.#columns = Object.fromEntries(historyFigures.map((f) => [f, new Float64Array(capacity)])) as Record<
      HistoryFigure,
      Float64Array
    >;
  }

  get intervalMs() {
    return this.#intervalMs;
  }

  get capacity() {
    return this.#capacity;
  }

  get size() {
    return this.#count;
  }

  start() {
    this.sample();
    this.#timer ??= setInterval(() => this.sample(), this.#intervalMs);
    this.#timer.unref();
  }

  stop() {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Takes one sample now (the timer calls this; tests may too). */
  sample() {
    const r = this.#read();
    const i = this.#next;
    this.#times[i] = this.#now();
    for (const f of historyFigures) this.#columns[f][i] = r[f];
    // The first sample has no previous counters: it counts nothing rather than everything since start.
    const last = this.#last ?? r;
    this.#columns.hits[i] = Math.max(0, r.hits - last.hits);
    this.#columns.misses[i] = Math.max(0, r.misses - last.misses);
    this.#last = { hits: r.hits, misses: r.misses };
    this.#next = (i + 1) % this.#capacity;
    this.#count = Math.min(this.#count + 1, this.#capacity);
  }

  /**
   * The samples with `from <= time <= to`, oldest first, merged into at most `points` points of
   * consecutive samples each: a point shows its span's last gauges (bytes, contexts, heap) and
   * the sum of its span's hits and misses.
   */
  range(from: number, to: number, points: number): HistoryPoint[] {
    const picked: number[] = [];
    const oldest = (this.#next - this.#count + this.#capacity) % this.#capacity;
    for (let k = 0; k < this.#count; k++) {
      const i = (oldest + k) % this.#capacity;
      const t = this.#times[i]!;
      if (t >= from && t <= to) picked.push(i);
    }
    const per = Math.max(1, Math.ceil(picked.length / Math.max(1, points)));
    const out: HistoryPoint[] = [];
    for (let start = 0; start < picked.length; start += per) {
      const span = picked.slice(start, start + per);
      const lastIndex = span[span.length - 1]!;
      let hits = 0;
      let misses = 0;
      for (const i of span) {
        hits += this.#columns.hits[i]!;
        misses += this.#columns.misses[i]!;
      }
      const c = this.#columns;
      out.push({
        time: this.#times[lastIndex]!,
        bytes: c.bytes[lastIndex]!,
        maxBytes: c.maxBytes[lastIndex]!,
        contexts: c.contexts[lastIndex]!,
        heapUsed: c.heapUsed[lastIndex]!,
        heapLimit: c.heapLimit[lastIndex]!,
        hits,
        misses,
        hitRatio: hits + misses > 0 ? hits / (hits + misses) : null,
      });
    }
    return out;
  }
}
