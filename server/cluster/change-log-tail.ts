import type { ChangeEvent } from "../core/context-types.ts";
import { logger } from "../core/logger.ts";

/** Where a tail stands inside a window of transaction ids: the last row taken, in (txid, id) order. */
export interface TailPosition {
  txid: string;
  id: number;
}

/** What the tail reads: the change log by the id of the transaction that wrote each row. */
export interface CommittedLog {
  /** The oldest running transaction's id: every row below it is final. */
  horizon(): Promise<bigint>;
  /** Up to `limit` rows with `from <= txid < to` after `after`, in (txid, id) order. */
  page(
    from: bigint,
    to: bigint,
    after: TailPosition | undefined,
    limit: number,
  ): Promise<{ events: ChangeEvent[]; last?: TailPosition }>;
}

const PAGE = 2000;

/**
 * The change log, which is the truth, read by every node a second at a time: it hands on the
 * rows of every transaction that finished since the last look, whichever node wrote them and
 * whether or not that node lived to put them on the Redis stream (it may have died between
 * commit and XADD, or Redis may have been down). The sequencer downstream drops what the stream
 * already brought. `cursor` is the promise kept: every row below it has been handed on.
 */
export class ChangeLogTail {
  #cursor = 0n;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #failing = false;

  constructor(
    private readonly log: CommittedLog,
    private readonly deliver: (events: ChangeEvent[]) => void,
    private readonly intervalMs: number,
  ) {}

  /** Every transaction below this id has been handed on (or was finished before this node started). */
  get cursor() {
    return this.#cursor;
  }

  /** Starts after what was already finished: those changes happened before this node. */
  async start() {
    this.#cursor = await this.log.horizon();
    this.#timer = setInterval(() => this.poll(), this.intervalMs);
    this.#timer.unref();
  }

  /** Looks now (Redis came back, say); a look under way is followed by one more. */
  poll(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#look()
      .catch((err: Error) => {
        // One line per outage: the next look retries from the same cursor.
        if (!this.#failing) logger().error({ component: "cluster", err: err.message }, "change-log tail failed");
        this.#failing = true;
      })
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          void this.poll();
        }
      });
    return this.#running;
  }

  async stop() {
    clearInterval(this.#timer);
    await this.#running;
  }

  async #look() {
    const to = await this.log.horizon();
    let after: TailPosition | undefined;
    for (;;) {
      const { events, last } = await this.log.page(this.#cursor, to, after, PAGE);
      // In per-context revision order, so the sequencer rarely has to repair.
      events.sort((a, b) => (a.contextId < b.contextId ? -1 : a.contextId > b.contextId ? 1 : a.revision - b.revision));
      if (events.length > 0) this.deliver(events);
      if (!last || events.length < PAGE) break;
      after = last;
    }
    // Only now: a context first heard of meanwhile starts from what was handed on.
    if (to > this.#cursor) this.#cursor = to;
    this.#failing = false;
  }
}
