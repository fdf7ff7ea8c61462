import type { EventRow } from "./event-log.ts";

/** What a stream keeps across a reload of the page: the rows shown, and the last revision seen of each context. */
export interface StoredStream {
  rows: EventRow[];
  seen: Record<string, number>;
}

/** Rows kept for a reload at most (sessionStorage holds a few MB per origin). */
const STORED_ROWS = 500;
const storageKey = (key: string) => `contextservice.live-stream:${key}`;

/** The stream this tab had for this subscription before a reload, if any. */
export function loadStream(key: string): StoredStream | null {
  try {
    const text = sessionStorage.getItem(storageKey(key));
    return text ? (JSON.parse(text) as StoredStream) : null;
  } catch {
    return null;
  }
}

export function saveStream(key: string, rows: EventRow[], seen: Map<string, number>) {
  try {
    sessionStorage.setItem(
      storageKey(key),
      JSON.stringify({ rows: rows.slice(0, STORED_ROWS), seen: Object.fromEntries(seen) }),
    );
  } catch {
    // Full or unavailable storage: the stream still runs, only a reload would start it afresh.
  }
}

/** Stopping a stream forgets it: starting it again begins afresh instead of replaying since then. */
export function forgetStream(key: string) {
  try {
    sessionStorage.removeItem(storageKey(key));
  } catch {
    // Nothing stored.
  }
}

/** The rows as JSON lines, oldest first: what "Download" saves. */
export const asJsonLines = (rows: EventRow[]) =>
  rows
    .toReversed()
    .map(({ seq: _, receivedAt, ...e }) => JSON.stringify({ receivedAt: new Date(receivedAt).toISOString(), ...e }))
    .join("\n") + "\n";
