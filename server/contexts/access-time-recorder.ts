import { logger } from "../core/logger.ts";

/**
 * Reads refresh a context's access time, but writing it on every read would double the
 * database load: reads are recorded here and written back in batches, at most once per
 * context per interval.
 */
export class AccessTimeRecorder {
  #pending = new Set<number>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (ids: number[], time: Date) => Promise<void>,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  record(id: number) {
    this.#pending.add(id);
  }

  start() {
    this.#timer ??= setInterval(() => void this.flush(), this.intervalMs);
    this.#timer.unref();
  }

  /** Writes what is pending; concurrent calls run one after the other. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(async () => {
      if (this.#pending.size === 0) return;
      const ids = [...this.#pending];
      this.#pending.clear();
      try {
        await this.write(ids, new Date(this.now()));
      } catch (err) {
        logger().error({ component: "access-time", err }, "write-back failed; will retry");
        for (const id of ids) this.#pending.add(id);
      }
    });
    return this.#flushing;
  }

  /** Stops the timer and writes what is left. */
  async stop() {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  /** Forget a context that no longer exists. */
  forget(id: number) {
    this.#pending.delete(id);
  }
}
