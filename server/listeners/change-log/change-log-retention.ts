import type { Db } from "../../persistence/database.ts";

/**
 * Keeps the change log bounded: a row goes once it is both older than `keepMs` and more than
 * `keepPerContext` revisions behind its context (whichever keeps more). Rows of contexts that
 * no longer exist go once they are old. Resuming below what is kept answers `compacted`.
 */
export class ChangeLogRetention {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly keepPerContext: number,
    private readonly keepMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Deletes what retention allows; returns how many rows went. */
  async prune(): Promise<number> {
    const cutoff = new Date(this.now() - this.keepMs);
    // 2^31-1: a missing context row makes every old row of it eligible.
    return this.db.$executeRaw`
      DELETE FROM "context_change_log"
      WHERE "createTime" < ${cutoff}
        AND "revision" <= COALESCE((SELECT c."revision" FROM "context_id" c WHERE c."id" = "context_change_log"."contextId"), 2147483647) - ${this.keepPerContext}`;
  }

  start(intervalMs = Math.min(this.keepMs, 60_000)) {
    this.#timer = setInterval(
      () => void this.prune().catch((err) => console.error("[change-log] prune failed:", err)),
      intervalMs,
    );
    this.#timer.unref();
  }

  stop() {
    clearInterval(this.#timer);
  }
}
