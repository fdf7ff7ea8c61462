import { LRUCache } from "lru-cache";
import type { ChangeEvent } from "../core/context-types.ts";
import { logger } from "../core/logger.ts";

/** The logged changes of a context with revisions strictly between `after` and `before`, oldest first. */
export type ReadMissing = (publicId: string, after: number, before: number) => Promise<ChangeEvent[]>;

/**
 * The revision after which this node hands on a context it has not seen yet (or has forgotten),
 * given the first revision it hears of: decided from the change log, since an earlier revision
 * may still be on its way.
 */
export type StartOf = (publicId: string, before: number) => Promise<number>;

/**
 * Hands on each context's events in revision order, each once, whichever node committed them
 * and whichever way they came (the Redis stream, this node's commits, the change-log tail).
 * Two nodes publish independently, so a node can hear revision 7 (its own, or from a fast node)
 * before 6 (from a slower one). A gap holds the context's later events and reads the missing
 * revisions from the change log, which is the truth: a revision exists there once a later one
 * was committed. Duplicates (the stream's copy of a repaired revision) are dropped.
 */
export class RevisionSequencer {
  /** Per context, the last revision handed on. Bounded: a forgotten context starts afresh. */
  #last: LRUCache<string, number>;
  /** Contexts under repair, with the events that wait for it. */
  #held = new Map<string, ChangeEvent[]>();

  constructor(
    private readonly deliver: (events: readonly ChangeEvent[]) => void,
    private readonly readMissing: ReadMissing,
    private readonly startOf: StartOf,
    maxContexts = 200_000,
  ) {
    this.#last = new LRUCache({ max: maxContexts });
  }

  offer(events: readonly ChangeEvent[]) {
    let ready: ChangeEvent[] | undefined;
    for (const e of events) {
      const held = this.#held.get(e.contextId);
      if (held) {
        held.push(e);
        continue;
      }
      const last = this.#last.get(e.contextId);
      if (last !== undefined && e.revision <= last) continue;
      // Revision 1 (a new context) has nothing before it; any other unseen one asks the log.
      if (e.revision === (last ?? 0) + 1) {
        this.#last.set(e.contextId, e.revision);
        (ready ??= []).push(e);
        continue;
      }
      this.#held.set(e.contextId, [e]);
      void this.#repair(e.contextId, last ?? this.startOf(e.contextId, e.revision));
    }
    if (ready) this.deliver(ready);
  }

  /** How many contexts wait for a repair (for tests and metrics). */
  get repairing() {
    return this.#held.size;
  }

  async #repair(publicId: string, from: number | Promise<number>) {
    const held = this.#held.get(publicId)!;
    let cursor = typeof from === "number" ? from : held[0]!.revision - 1;
    try {
      cursor = await from;
      for (;;) {
        held.sort((a, b) => a.revision - b.revision);
        const ready: ChangeEvent[] = [];
        while (held.length > 0 && held[0]!.revision <= cursor + 1) {
          const e = held.shift()!;
          if (e.revision === cursor + 1) {
            ready.push(e);
            cursor = e.revision;
          }
        }
        if (ready.length > 0) {
          this.#last.set(publicId, cursor);
          this.deliver(ready);
        }
        if (held.length === 0) return;
        const before = held[0]!.revision;
        const missing = await this.readMissing(publicId, cursor, before);
        const fresh = missing.filter((e) => e.revision > cursor && e.revision < before);
        // Trimmed from the log (retention): nothing more can be found; go on from what is there.
        if (fresh.length === 0) {
          logger().warn(
            { component: "cluster", contextId: publicId, after: cursor, before },
            "revisions missing from the change log; delivery goes on without them",
          );
          cursor = before - 1;
        }
        held.push(...fresh);
      }
    } catch (err) {
      logger().error({ component: "cluster", err, contextId: publicId }, "change-log repair failed");
      held.sort((a, b) => a.revision - b.revision);
      const rest = held.filter((e, i) => e.revision > cursor && held[i - 1]?.revision !== e.revision);
      if (rest.length > 0) {
        this.#last.set(publicId, rest.at(-1)!.revision);
        this.deliver(rest);
      }
    } finally {
      this.#held.delete(publicId);
    }
  }
}
