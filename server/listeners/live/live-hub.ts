import type { Principal } from "../../core/roles.ts";
import type { ContextService, ContextStore } from "../../contexts/index.ts";
import { parsePublicId } from "../../core/public-id.ts";
import type { ChangeEvent } from "../../core/context-types.ts";
import type { ChangeBus } from "../../core/change-bus.ts";
import type { ChangeLogReads } from "../change-log/change-log-reads.ts";
import { LiveSubscription } from "./live-subscription.ts";
import { LoopSlices } from "./loop-slices.ts";
import type { Outlet } from "./outlet.ts";
import type { SubscribeRequest } from "./subscribe-request.ts";

export interface LiveHubDeps {
  bus: ChangeBus;
  contexts: ContextService;
  store: ContextStore;
  changeLog: ChangeLogReads;
  queueLimit: number;
  progressMs: number;
}

const PAGE = 1000;
// Resume entries looked up per pair of queries (below SQLite's 999 bound values).
const RESUME_CHUNK = 500;

/**
 * Every live subscription of this process. Filters run here, where the event happens; each
 * subscription queues what passed and drains at its own pace, so a slow one never holds up
 * writers or the others.
 */
export class LiveHub {
  #subs = new Map<string, LiveSubscription>();
  #unsubscribeBus: () => void;
  #timer: NodeJS.Timeout;
  #lagged = 0;
  /** Subscriptions with events to send this turn. */
  #due = new Set<LiveSubscription>();
  #turnScheduled = false;

  constructor(private readonly d: LiveHubDeps) {
    this.#unsubscribeBus = d.bus.subscribe((events) => this.#dispatch(events));
    this.#timer = setInterval(() => this.#progress(), Math.max(100, Math.floor(d.progressMs / 3)));
    this.#timer.unref();
  }

  /** Registers a subscription (it starts queueing live events at once); call catchUp next. */
  open(principal: Principal, request: SubscribeRequest, outlet: Outlet): LiveSubscription {
    const sub = new LiveSubscription(
      principal,
      request,
      outlet,
      this.d.queueLimit,
      (s) => {
        if (!s.live || s.queued > 0) this.#lagged++;
        this.#subs.delete(s.id);
        this.#due.delete(s);
      },
      (s) => this.#schedule(s),
    );
    this.#subs.set(sub.id, sub);
    return sub;
  }

  /**
   * Replays `resume` from the change log, sends the snapshot for `includeCurrentState`, then
   * lets the queued live events through. Registration came first, so nothing falls between.
   * Both run in slices of a few ms (LoopSlices), so a subscription naming thousands of contexts
   * does not hold up other requests.
   */
  async catchUp(sub: LiveSubscription) {
    const { resume = {}, includeCurrentState, filter } = sub.request;
    const slices = new LoopSlices();
    const asked = Object.entries(resume);
    for (let i = 0; i < asked.length; i += RESUME_CHUNK) {
      if (sub.closed) return;
      await this.#replay(sub, asked.slice(i, i + RESUME_CHUNK), slices);
    }
    if (includeCurrentState) {
      const revisions: Record<string, number> = {};
      for await (const rowId of this.#snapshotIds(filter?.contextIds)) {
        if (sub.closed) return;
        await slices.check();
        const snap = await this.d.contexts.snapshot(rowId);
        if (!snap || snap.publicId in resume) continue;
        let matched = false;
        for (const entry of snap.entries) {
          const e: ChangeEvent = {
            contextId: snap.publicId,
            revision: entry.revision,
            op: "created",
            contextType: entry.contextType,
            key: entry.key,
            value: entry.value,
            time: entry.updateTime,
            entry,
          };
          if (!sub.matches(e)) continue;
          matched = true;
          await sub.sendNow(e);
        }
        sub.raiseFloor(snap.publicId, snap.revision);
        if (matched || filter?.contextIds) revisions[snap.publicId] = snap.revision;
      }
      sub.emit("snapshot-end", { revisions });
    }
    sub.goLive();
  }

  unsubscribe(id: string, principal: Principal): boolean {
    const sub = this.#subs.get(id);
    if (!sub || sub.principal.user !== principal.user) return false;
    sub.close();
    return true;
  }

  describe() {
    return { subscribers: [...this.#subs.values()].map((s) => s.describe()), lagged: this.#lagged };
  }

  get size() {
    return this.#subs.size;
  }

  /** Subscribers dropped as `lagged` since start. */
  get lagged() {
    return this.#lagged;
  }

  stop() {
    this.#unsubscribeBus();
    clearInterval(this.#timer);
    for (const sub of this.#subs.values()) sub.close();
  }

  /**
   * Replays a chunk of `resume`: two queries find where each context stands (its revision and
   * the oldest logged one); only contexts that moved past the asked revision read the log.
   */
  async #replay(sub: LiveSubscription, asked: [string, number][], slices: LoopSlices) {
    const rowIds = asked.map(([publicId]) => parsePublicId(publicId, "resume").id);
    const current = await this.d.changeLog.revisions(rowIds);
    const earliestOf = await this.d.changeLog.earliest(rowIds);
    for (let i = 0; i < asked.length; i++) {
      const [publicId, after] = asked[i]!;
      const rowId = rowIds[i]!;
      const revision = current.get(rowId);
      const earliest = earliestOf.get(rowId) ?? null;
      if (sub.closed) return;
      await slices.check();
      if (earliest === null ? revision === undefined || revision > after : earliest > after + 1) {
        sub.emit("compacted", { contextId: publicId, earliest: earliest ?? (revision ?? after) + 1 });
        continue;
      }
      let cursor = after;
      // A context still there and not past `after` has nothing to replay.
      while (revision === undefined || cursor < revision) {
        const batch = await this.d.changeLog.changesAfter(rowId, publicId, cursor, PAGE);
        for (const e of batch) {
          if (sub.closed) return;
          if (sub.matches(e)) await sub.sendNow(e);
          cursor = e.revision;
        }
        if (batch.length < PAGE) break;
        await slices.check();
      }
      sub.raiseFloor(publicId, cursor);
    }
  }

  async *#snapshotIds(contextIds?: string[]): AsyncGenerator<number> {
    if (contextIds) {
      // Named contexts that do not exist are skipped a chunk at a time, not loaded one by one.
      const rowIds = contextIds.map((publicId) => parsePublicId(publicId, "filter.contextIds").id);
      for (let i = 0; i < rowIds.length; i += RESUME_CHUNK) {
        const chunk = rowIds.slice(i, i + RESUME_CHUNK);
        const found = await this.d.changeLog.existing(chunk);
        yield* chunk.filter((id) => found.has(id));
      }
      return;
    }
    for (let after = 0; ;) {
      const ids = await this.d.store.listIds(after, PAGE);
      yield* ids;
      if (ids.length < PAGE) return;
      after = ids.at(-1)!;
    }
  }

  #dispatch(events: readonly ChangeEvent[]) {
    for (const e of events) for (const sub of this.#subs.values()) if (sub.matches(e)) sub.offer(e);
  }

  /**
   * One turn sends for every due subscription, then each socket's outlet writes what its
   * subscriptions queued as one write: encoding is shared (event-frames.ts), syscalls are per
   * socket per turn rather than per event.
   */
  #schedule(sub: LiveSubscription) {
    this.#due.add(sub);
    if (this.#turnScheduled) return;
    this.#turnScheduled = true;
    setImmediate(() => {
      this.#turnScheduled = false;
      const due = [...this.#due];
      this.#due.clear();
      for (const s of due) s.pump();
    });
  }

  #progress() {
    const now = Date.now();
    for (const sub of this.#subs.values()) sub.progress(now, this.d.progressMs);
  }
}
