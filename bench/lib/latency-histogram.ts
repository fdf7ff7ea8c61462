/**
 * A latency histogram that child processes can ship and a parent can merge exactly: 1 µs
 * buckets below 1 ms, then buckets 1% wide up to about a minute. Values are in ms.
 */
const LINEAR = 1000; // µs
const GROWTH = Math.log(1.01);
const BUCKETS = LINEAR + Math.ceil(Math.log(60_000_000 / LINEAR) / GROWTH) + 1;

export interface HistogramData {
  counts: number[];
  /** Below zero: the two clocks disagree by more than the latency (counted in bucket 0 too). */
  negative: number;
  sum: number;
  max: number;
}

export class LatencyHistogram {
  counts = new Float64Array(BUCKETS);
  negative = 0;
  sum = 0;
  max = 0;
  count = 0;

  record(ms: number) {
    const us = ms * 1000;
    if (us < 0) this.negative++;
    const i =
      us < LINEAR
        ? Math.max(0, Math.floor(us))
        : Math.min(BUCKETS - 1, LINEAR + Math.floor(Math.log(us / LINEAR) / GROWTH));
    this.counts[i]++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
    this.count++;
  }

  data(): HistogramData {
    return { counts: Array.from(this.counts), negative: this.negative, sum: this.sum, max: this.max };
  }

  add(d: HistogramData) {
    for (let i = 0; i < BUCKETS; i++) {
      this.counts[i] += d.counts[i] ?? 0;
      this.count += d.counts[i] ?? 0;
    }
    this.negative += d.negative;
    this.sum += d.sum;
    this.max = Math.max(this.max, d.max);
  }

  /** The q-quantile in ms: the upper edge of the bucket holding it (never above the max seen). */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) {
        const upperUs = i < LINEAR ? i + 1 : LINEAR * Math.exp((i - LINEAR + 1) * GROWTH);
        return Math.min(upperUs / 1000, this.max);
      }
    }
    return this.max;
  }

  get mean() {
    return this.count ? this.sum / this.count : NaN;
  }
}
