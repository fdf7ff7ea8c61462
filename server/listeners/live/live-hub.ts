import type { Principal } from "../../core/roles.ts";
import type { ContextService, ContextStore } from "../../contexts/index.ts";
import { parsePublicId } from "../../core/public-id.ts";
import type { ChangeEvent } from "../../core/context-types.ts";
import type { Db } from "../../persistence/database.ts";
import type { ChangeBus } from "../../core/change-bus.ts";
import { earliestRevision, readChangesAfter } from "../change-log/read-change-log.ts";
import { LiveSubscription } from "./live-subscription.ts";
import type { Outlet } from "./outlet.ts";
import type { SubscribeRequest } from "./subscribe-request.ts";

export interface LiveHubDeps {
  bus: ChangeBus;
  contexts: ContextService;
  store: ContextStore;
  db: Db;
  queueLimit: number;
  progressMs: number;
}

const PAGE = 1000;

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

  constructor(private readonly d: LiveHubDeps) {
    this.#unsubscribeBus = d.bus.subscribe((events) => this.#dispatch(events));
    this.#timer = setInterval(() => this.#progress(), Math.max(100, Math.floor(d.progressMs / 3)));
    this.#timer.unref();
  }

  /** Registers a subscription (it starts queueing live events at once); call catchUp next. */
  open(principal: Principal, request: SubscribeRequest, outlet: Outlet): LiveSubscription {
    const sub = new LiveSubscription(principal, request, outlet, this.d.queueLimit, (s) => {
      if (!s.live || s.queued > 0) this.#lagged++;
      this.#subs.delete(s.id);
    });
    this.#subs.set(sub.id, sub);
    return sub;
  }

  /**
   * Replays `resume` from the change log, sends the snapshot for `includeCurrentState`, then
   * lets the queued live events through. Registration came first, so nothing falls between.
   */
  async catchUp(sub: LiveSubscription) {
    const { resume = {}, includeCurrentState, filter } = sub.request;
    for (const [publicId, after] of Object.entries(resume)) {
      if (sub.closed) return;
      await this.#replay(sub, publicId, after);
    }
    if (includeCurrentState) {
      const revisions: Record<string, number> = {};
      for await (const rowId of this.#snapshotIds(filter?.contextIds)) {
        if (sub.closed) return;
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

  stop() {
    this.#unsubscribeBus();
    clearInterval(this.#timer);
    for (const sub of this.#subs.values()) sub.close();
  }

  async #replay(sub: LiveSubscription, publicId: string, after: number) {
    const { id: rowId } = parsePublicId(publicId, "resume");
    const earliest = await earliestRevision(this.d.db, rowId);
    const current = (await this.d.db.contextId.findUnique({ where: { id: rowId }, select: { revision: true } }))
      ?.revision;
    if (earliest === null ? current === undefined || current > after : earliest > after + 1) {
      sub.emit("compacted", { contextId: publicId, earliest: earliest ?? (current ?? after) + 1 });
      return;
    }
    let cursor = after;
    for (;;) {
      const batch = await readChangesAfter(this.d.db, rowId, publicId, cursor, PAGE);
      for (const e of batch) {
        if (sub.closed) return;
        if (sub.matches(e)) await sub.sendNow(e);
        cursor = e.revision;
      }
      if (batch.length < PAGE) break;
    }
    sub.raiseFloor(publicId, cursor);
  }

  async *#snapshotIds(contextIds?: string[]): AsyncGenerator<number> {
    if (contextIds) {
      for (const publicId of contextIds) yield parsePublicId(publicId, "filter.contextIds").id;
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

  #progress() {
    const now = Date.now();
    for (const sub of this.#subs.values()) sub.progress(now, this.d.progressMs);
  }
}
