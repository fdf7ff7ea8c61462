import type { Db } from "../../persistence/database.ts";
import { logger } from "../../core/logger.ts";

// A piece is one statement; its size adapts to keep it near TARGET_PIECE_MS. On SQLite (a
// synchronous driver) that is how long it holds the event loop; between pieces the loop turns.
const TARGET_PIECE_MS = 4;
const MIN_PIECE = 100;
const MAX_PIECE = 20_000;
const FIRST_PIECE = 1_000;
// Contexts written since the last pass are read this many at a time.
const CANDIDATE_PAGE = 500;
// updateTime comes from the writer's clock; look back a little further than the last pass.
const CLOCK_MARGIN_MS = 5_000;
// A missing context row makes every old row of it eligible.
const NO_CONTEXT = 2147483647;

/**
 * Keeps the change log bounded: a row goes once it is both older than `keepMs` and more than
 * `keepPerContext` revisions behind its context (whichever keeps more). Rows of contexts that
 * no longer exist go once they are old. Resuming below what is kept answers `compacted`.
 *
 * A prune never holds the event loop for long, and does next to nothing when nothing is due:
 * - It walks the log in id order (the order rows were written, so the order they age in), in
 *   pieces of a few ms, only over rows that became old since the last pass: `#cursor` remembers
 *   how far it got. A row the walk passed and kept was kept for its context's count alone.
 * - Such a row becomes due only when its context takes more revisions, which moves the
 *   context's updateTime. So each pass also visits the contexts written since the previous pass
 *   (updateTime index) that have more than `keepPerContext` revisions, through the log's
 *   (contextId, revision) index, in bounded pieces too.
 * - A context removed after the walk passed its rows: its `context-removed` row is newer, and
 *   when the walk reaches it the context's old rows go.
 * The cursor lives in memory: after a restart the first pass walks the whole log once.
 */
export class ChangeLogRetention {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #stopped = false;
  /** Every row with an id ≤ this was old and has been looked at. */
  #cursor = 0;
  /** Start of the previous pass (ms), or undefined before the first one. */
  #lastPass: number | undefined;
  #piece = FIRST_PIECE;
  /** Longest single statement of the last pass, ms (the bench reports it). */
  longestPieceMs = 0;

  constructor(
    private readonly db: Db,
    private readonly keepPerContext: number,
    private readonly keepMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Deletes what retention allows; returns how many rows went. A prune already running is joined. */
  prune(): Promise<number> {
    if (!this.#running) this.#stopped = false;
    this.#running ??= this.#pass().finally(() => (this.#running = undefined));
    return this.#running;
  }

  start(intervalMs = Math.min(this.keepMs, 60_000)) {
    this.#stopped = false;
    this.#timer = setInterval(
      () => void this.prune().catch((err) => logger().error({ component: "change-log", err }, "prune failed")),
      intervalMs,
    );
    this.#timer.unref();
  }

  /** Stops the timer; a pass under way stops after its current piece. */
  stop() {
    clearInterval(this.#timer);
    this.#stopped = true;
  }

  async #pass(): Promise<number> {
    const started = this.now();
    const cutoff = new Date(started - this.keepMs);
    this.longestPieceMs = 0;
    let deleted = 0;
    if (this.#lastPass !== undefined) deleted += await this.#pruneWrittenContexts(new Date(this.#lastPass), cutoff);
    deleted += await this.#walk(cutoff);
    this.#lastPass = started - CLOCK_MARGIN_MS;
    return deleted;
  }

  /** The walk over rows that became old since the last pass. */
  async #walk(cutoff: Date): Promise<number> {
    const end = await this.#lastOldId(cutoff);
    let deleted = 0;
    while (this.#cursor < end && !this.#stopped) {
      const lo = this.#cursor;
      const [n, removed] = await this.#timed(async () => {
        const hi = Math.min(end, await this.#pieceEnd(lo));
        this.#cursor = hi;
        const removed = await this.db.$queryRaw<{ contextId: number | bigint }[]>`
          SELECT "contextId" FROM "context_change_log" WHERE "id" > ${lo} AND "id" <= ${hi} AND "op" = 'context-removed'`;
        const n = await this.db.$executeRaw`
          DELETE FROM "context_change_log"
          WHERE "id" > ${lo} AND "id" <= ${hi} AND "createTime" < ${cutoff}
            AND "revision" <= COALESCE((SELECT c."revision" FROM "context_id" c WHERE c."id" = "context_change_log"."contextId"), ${NO_CONTEXT}) - ${this.keepPerContext}`;
        return [n, removed] as const;
      });
      deleted += n;
      // Contexts removed after the walk passed their older rows: those rows go now.
      for (const r of removed) deleted += await this.#pruneContext(Number(r.contextId), NO_CONTEXT, cutoff);
      await turn();
    }
    return deleted;
  }

  /** The id of the newest row older than the cutoff (0 when none is): where this pass's walk ends. */
  async #lastOldId(cutoff: Date): Promise<number> {
    // The first row that is not old yet, through the createTime index; the walk stops short of it.
    const [young] = await this.db.$queryRaw<{ id: number | bigint }[]>`
      SELECT "id" FROM "context_change_log" WHERE "createTime" >= ${cutoff} ORDER BY "createTime", "id" LIMIT 1`;
    if (young) return Number(young.id) - 1;
    const [last] = await this.db.$queryRaw<{ id: number | bigint | null }[]>`
      SELECT MAX("id") AS "id" FROM "context_change_log"`;
    return Number(last?.id ?? 0);
  }

  /** The id `#piece` rows after `lo` (or the last id). */
  async #pieceEnd(lo: number): Promise<number> {
    const [row] = await this.db.$queryRaw<{ id: number | bigint }[]>`
      SELECT "id" FROM "context_change_log" WHERE "id" > ${lo} ORDER BY "id" LIMIT 1 OFFSET ${this.#piece - 1}`;
    return row ? Number(row.id) : Number.MAX_SAFE_INTEGER;
  }

  /** Contexts written since `since` with more revisions than are kept: their older rows may be due. */
  async #pruneWrittenContexts(since: Date, cutoff: Date): Promise<number> {
    let deleted = 0;
    for (let after = 0; !this.#stopped;) {
      const page = await this.db.$queryRaw<{ id: number | bigint; revision: number | bigint }[]>`
        SELECT "id", "revision" FROM "context_id"
        WHERE "updateTime" >= ${since} AND "revision" > ${this.keepPerContext} AND "id" > ${after}
        ORDER BY "id" LIMIT ${CANDIDATE_PAGE}`;
      for (const c of page)
        deleted += await this.#pruneContext(Number(c.id), Number(c.revision) - this.keepPerContext, cutoff);
      if (page.length < CANDIDATE_PAGE) break;
      after = Number(page[page.length - 1]!.id);
    }
    return deleted;
  }

  /** Deletes a context's old rows up to `maxRevision`, a piece at a time. */
  async #pruneContext(contextId: number, maxRevision: number, cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await this.#timed(
        () => this.db.$executeRaw`
          DELETE FROM "context_change_log" WHERE "id" IN (
            SELECT "id" FROM "context_change_log"
            WHERE "contextId" = ${contextId} AND "revision" <= ${maxRevision} AND "createTime" < ${cutoff}
            ORDER BY "revision" LIMIT ${this.#piece})`,
      );
      deleted += n;
      await turn();
      if (n < this.#piece || this.#stopped) return deleted;
    }
  }

  /** Runs one statement, and resizes pieces toward TARGET_PIECE_MS. */
  async #timed<T>(statement: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const n = await statement();
    const ms = performance.now() - t0;
    this.longestPieceMs = Math.max(this.longestPieceMs, ms);
    if (ms > TARGET_PIECE_MS * 2) this.#piece = Math.max(MIN_PIECE, Math.floor(this.#piece / 2));
    else if (ms < TARGET_PIECE_MS / 2) this.#piece = Math.min(MAX_PIECE, this.#piece * 2);
    return n;
  }
}

const turn = () => new Promise<void>((r) => setImmediate(r));
