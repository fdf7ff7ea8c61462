import type { CommitStats } from "../context-store.ts";

/** A write's outcome inside a group: its own value, or its own error. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Queued<W, R> {
  write: W;
  resolve(value: R): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions<W, R> {
  /** Commits the writes in one transaction; answers each one's outcome in order. Throws only when none committed. */
  run(writes: W[]): Promise<Outcome<R>[]>;
  /** Writes of the same key never share a group: each group's writes touch distinct contexts. */
  keyOf(write: W): number;
  /** Groups committing at once (1 for SQLite's one connection; a few for a pg pool). */
  maxInFlight: number;
  maxGroup?: number;
}

/**
 * Group commit: writes queue here; a group takes every queued write (first come, one per
 * context) into one transaction. Writes arriving while groups commit wait for the next one,
 * so under load one transaction and one sync carry many writes. Each promise settles only
 * after its group's transaction ended, with its own outcome.
 */
export class GroupCommit<W, R> {
  readonly stats: CommitStats = { groups: 0, writes: 0, failed: 0, largestGroup: 0 };
  #queue: Queued<W, R>[] = [];
  #inFlight = 0;
  #scheduled = false;
  #idle: (() => void)[] = [];

  constructor(private readonly o: GroupCommitOptions<W, R>) {}

  submit(write: W): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ write, resolve, reject });
      this.#schedule();
    });
  }

  /** Resolves once nothing is queued or committing. */
  drain(): Promise<void> {
    if (this.#queue.length === 0 && this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  // Start on a later turn, so every write that arrives in this turn (a burst of requests read
  // in one poll) joins the same group.
  #schedule() {
    if (this.#scheduled || this.#inFlight >= this.o.maxInFlight) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#startGroups();
    });
  }

  #startGroups() {
    while (this.#queue.length > 0 && this.#inFlight < this.o.maxInFlight) void this.#runGroup(this.#takeGroup());
  }

  /** Queued writes in order, one per context; a context's later writes stay queued, in order. */
  #takeGroup(): Queued<W, R>[] {
    const max = this.o.maxGroup ?? 1000;
    const taken: Queued<W, R>[] = [];
    const left: Queued<W, R>[] = [];
    const keys = new Set<number>();
    for (const q of this.#queue) {
      const key = this.o.keyOf(q.write);
      if (taken.length < max && !keys.has(key)) {
        keys.add(key);
        taken.push(q);
      } else left.push(q);
    }
    this.#queue = left;
    return taken;
  }

  async #runGroup(group: Queued<W, R>[]) {
    this.#inFlight++;
    try {
      const outcomes = await this.o.run(group.map((q) => q.write));
      this.stats.groups++;
      this.stats.writes += group.length;
      if (group.length > this.stats.largestGroup) this.stats.largestGroup = group.length;
      for (let i = 0; i < group.length; i++) {
        const o = outcomes[i]!;
        if (o.ok) group[i]!.resolve(o.value);
        else {
          this.stats.failed++;
          group[i]!.reject(o.error);
        }
      }
    } catch (err) {
      this.stats.failed += group.length;
      for (const q of group) q.reject(err);
    } finally {
      this.#inFlight--;
      if (this.#queue.length > 0) this.#startGroups();
      else if (this.#inFlight === 0) for (const done of this.#idle.splice(0)) done();
    }
  }
}
