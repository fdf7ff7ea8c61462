import type { ChangeEvent } from "./context-types.ts";
import { logger } from "./logger.ts";

export type ChangeListener = (events: readonly ChangeEvent[]) => void;

/**
 * Where committed changes go, in revision order per context. Writers publish after commit;
 * consumers subscribe. An interface so a cross-process bus (Redis) can stand in for this one.
 */
export interface ChangeBus {
  publish(events: readonly ChangeEvent[]): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void;
}

/** The in-process bus: synchronous fan-out; each consumer must queue and never block. */
export class LocalChangeBus implements ChangeBus {
  #listeners = new Set<ChangeListener>();

  publish(events: readonly ChangeEvent[]) {
    if (events.length === 0) return;
    for (const listener of this.#listeners) {
      try {
        listener(events);
      } catch (err) {
        logger().error({ component: "bus", err }, "a consumer threw; others still get the events");
      }
    }
  }

  subscribe(listener: ChangeListener) {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }
}
