import type { LiveEvent } from "./listener-schemas.ts";

/** An event as the page keeps it: when it arrived, and a number of its own for React's key. */
export interface EventRow extends Omit<LiveEvent, "subscriptionId"> {
  seq: number;
  receivedAt: number;
}

/**
 * What the stream panel holds, each list newest first and at most `cap` long: the rows shown,
 * and the rows held back while paused. Nothing past the cap is kept; `dropped` counts what went.
 */
export interface EventLog {
  rows: EventRow[];
  held: EventRow[];
  /** Events received since pausing, including any the cap dropped. */
  heldCount: number;
  dropped: number;
}

export const emptyLog: EventLog = { rows: [], held: [], heldCount: 0, dropped: 0 };

const capped = (rows: EventRow[], cap: number) => ({
  kept: rows.length > cap ? rows.slice(0, cap) : rows,
  over: Math.max(0, rows.length - cap),
});

/** Adds a batch (oldest first) to the rows, or to the held rows while paused; `dropped` counts what the cap pushed out. */
export function appendEvents(
  log: EventLog,
  batch: EventRow[],
  paused: boolean,
  cap: number,
  droppedBefore = 0,
): EventLog {
  if (batch.length === 0 && droppedBefore === 0) return log;
  const newest = [...batch].reverse();
  if (paused) {
    const { kept, over } = capped([...newest, ...log.held], cap);
    return {
      ...log,
      held: kept,
      heldCount: log.heldCount + batch.length + droppedBefore,
      dropped: log.dropped + over + droppedBefore,
    };
  }
  const { kept, over } = capped([...newest, ...log.rows], cap);
  return { ...log, rows: kept, dropped: log.dropped + over + droppedBefore };
}

/** On resume: the held rows join the shown ones, above them. */
export function releaseHeld(log: EventLog, cap: number): EventLog {
  const { kept, over } = capped([...log.held, ...log.rows], cap);
  return { rows: kept, held: [], heldCount: 0, dropped: log.dropped + over };
}

/** A smaller cap drops the oldest rows at once. */
export function withCap(log: EventLog, cap: number): EventLog {
  const rows = capped(log.rows, cap);
  const held = capped(log.held, cap);
  return { ...log, rows: rows.kept, held: held.kept, dropped: log.dropped + rows.over + held.over };
}
