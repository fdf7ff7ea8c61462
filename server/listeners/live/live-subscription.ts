import { randomUUID } from "node:crypto";
import type { Principal } from "../../core/roles.ts";
import type { ChangeEvent } from "../../core/context-types.ts";
import { eventBody, eventPacket, messagePacket } from "./event-frames.ts";
import { matchFilter } from "./match-filter.ts";
import type { Outlet } from "./outlet.ts";
import type { SubscribeRequest } from "./subscribe-request.ts";

/**
 * One live subscriber (the Infinispan cluster-listener model). Events that pass its filter
 * queue here, bounded; they are sent in order as the connection drains. Past the bound it is
 * dropped with `lagged` and a resume cursor — never a silent gap.
 *
 * The floor of a context is the highest revision the subscriber's view already reflects
 * (sent, or included in a snapshot); queued events at or below it are skipped. That is how
 * snapshot or replay and live events meet without loss or duplicates.
 */
export class LiveSubscription {
  readonly id = randomUUID();
  readonly createdAt = Date.now();
  readonly matches: (e: ChangeEvent) => boolean;
  #queue: ChangeEvent[] = [];
  #head = 0;
  #floor = new Map<string, number>();
  #live = false;
  #waiting = false;
  #closed = false;
  #lastActivity = Date.now();
  #sent = 0;

  constructor(
    readonly principal: Principal,
    readonly request: SubscribeRequest,
    private readonly outlet: Outlet,
    private readonly queueLimit: number,
    private readonly onClose: (sub: LiveSubscription) => void,
    /** Asks for pump() on a later turn (the hub pumps every due subscription in one turn). */
    private readonly schedule: (sub: LiveSubscription) => void,
  ) {
    this.matches = matchFilter(request.filter);
  }

  get queued() {
    return this.#queue.length - this.#head;
  }

  get sent() {
    return this.#sent;
  }

  get live() {
    return this.#live;
  }

  get closed() {
    return this.#closed;
  }

  /** A live event that passed the filter. Never blocks: queues, or lags out past the bound. */
  offer(e: ChangeEvent) {
    if (this.#closed) return;
    if (this.queued >= this.queueLimit) return this.#lag();
    this.#queue.push(e);
    if (this.#live) this.#schedulePump();
  }

  /**
   * Sends on a later turn, not inside offer(): offer runs in the writer's publish, under the
   * context's write lock, and must not pay for encoding and socket writes of every subscriber.
   * Events that queue up meanwhile go out together in that turn.
   */
  #schedulePump() {
    if (!this.#waiting) this.schedule(this);
  }

  /** Sends one snapshot or replayed event now, waiting for the connection if it is full. */
  async sendNow(e: ChangeEvent) {
    while (!this.#closed && !this.outlet.ready()) await this.outlet.drained();
    if (this.#closed || this.outlet.closed()) return;
    this.#emitEvent(e);
    this.#lastActivity = Date.now();
  }

  /** Marks a context's view as current up to `revision`. */
  raiseFloor(contextId: string, revision: number) {
    if ((this.#floor.get(contextId) ?? -1) < revision) this.#floor.set(contextId, revision);
  }

  emit(name: string, payload: object) {
    if (this.#closed) return;
    this.outlet.send(messagePacket(this.outlet.nsp, name, this.id, payload));
    this.#lastActivity = Date.now();
  }

  /** Catch-up is over: send what queued meanwhile (above the floors), then live events as they come. */
  goLive() {
    this.#live = true;
    this.#schedulePump();
  }

  /** Where to resume from: per context, the last revision the subscriber's view reflects. */
  resumeCursor(): Record<string, number> {
    const cursor = Object.fromEntries(this.#floor);
    for (let i = this.#head; i < this.#queue.length; i++) {
      const e = this.#queue[i]!;
      if (!(e.contextId in cursor)) cursor[e.contextId] = e.revision - 1;
    }
    return cursor;
  }

  /** While idle, tells the subscriber how current it is. */
  progress(now: number, idleMs: number) {
    if (!this.#live || this.#closed || this.queued > 0 || now - this.#lastActivity < idleMs) return;
    this.emit("progress", { revisions: Object.fromEntries(this.#floor) });
  }

  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue = [];
    this.#head = 0;
    this.onClose(this);
  }

  describe() {
    return {
      id: this.id,
      user: this.principal.user,
      filter: this.request.filter ?? {},
      converter: this.request.converter ?? null,
      live: this.#live,
      queued: this.queued,
      sent: this.#sent,
      contexts: this.#floor.size,
      createdAt: new Date(this.createdAt).toISOString(),
      lastActivity: new Date(this.#lastActivity).toISOString(),
    };
  }

  /**
   * Sends queued events while the connection takes them, without waiting: when it is full,
   * asks to be scheduled again once it drains. Called by the hub, once per turn at most.
   */
  pump() {
    if (!this.#live) return;
    const sentBefore = this.#sent;
    while (this.#head < this.#queue.length && !this.#closed) {
      if (this.outlet.closed()) return this.close();
      if (!this.outlet.ready()) {
        this.#waiting = true;
        void this.outlet.drained().then(() => {
          this.#waiting = false;
          this.#schedulePump();
        });
        return;
      }
      const e = this.#queue[this.#head++]!;
      if ((this.#floor.get(e.contextId) ?? -1) < e.revision) this.#emitEvent(e);
    }
    if (this.#sent !== sentBefore) this.#lastActivity = Date.now();
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }

  #emitEvent(e: ChangeEvent) {
    if (this.#closed) return;
    this.outlet.send(eventPacket(this.outlet.nsp, "event", this.id, eventBody(e, this.request.converter)));
    this.raiseFloor(e.contextId, e.revision);
    this.#sent++;
  }

  #lag() {
    const resume = this.resumeCursor();
    this.emit("lagged", { resume });
    this.close();
  }
}
