import type { ChangeEvent } from "../core/context-types.ts";

/**
 * One commit's events as a stream entry's text. The entry goes along (other nodes' caches apply
 * it); a created/updated event's value is the entry's, so it travels once.
 */
export function encodeEvents(events: readonly ChangeEvent[]): string {
  return JSON.stringify(
    events.map((e) => (e.entry && (e.op === "created" || e.op === "updated") ? { ...e, value: undefined } : e)),
  );
}

/** The events of one stream entry, with their dates back as Dates (only where the codec put them). */
export function decodeEvents(text: string): ChangeEvent[] {
  const events = JSON.parse(text) as ChangeEvent[];
  for (const e of events) {
    e.time = new Date(e.time);
    if (e.entry) {
      if (e.value === undefined) e.value = e.entry.value;
      // Revived field by field: a reviver would also turn a user's own date-like strings into Dates.
      if (e.entry.createTime) e.entry.createTime = new Date(e.entry.createTime);
      if (e.entry.updateTime) e.entry.updateTime = new Date(e.entry.updateTime);
    }
  }
  return events;
}
