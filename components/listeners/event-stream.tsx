"use client";

import { format } from "date-fns";
import { useUrlParams } from "../url/use-url-params.ts";
import { EventTable } from "./event-table.tsx";
import { caps, type StreamFilter } from "./stream-params.ts";
import { useLiveEvents, type StreamState } from "./use-live-events.ts";
import { asJsonLines } from "./stream-storage.ts";
import { saveFile } from "../values/save-file.ts";

const stateText: Record<StreamState, string> = {
  connecting: "Connecting…",
  subscribing: "Subscribing…",
  live: "Live",
  reconnecting: "Connection lost; reconnecting…",
  failed: "Stopped by an error",
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** Saves the rows as a JSON-lines file, oldest first. */
function download(rows: Parameters<typeof asJsonLines>[0]) {
  saveFile(`live-events-${format(Date.now(), "yyyyMMdd-HHmmss")}.jsonl`, asJsonLines(rows), "application/x-ndjson");
}

/**
 * The live event stream of one filter: connection state, pause/resume, the cap on rows kept,
 * download, and the events (kept across a reload of the tab, which resumes from them).
 */
export function EventStream({
  filter,
  includeCurrentState,
  storageKey,
  initialCap,
  onSubscription,
}: {
  filter: StreamFilter;
  includeCurrentState?: boolean;
  storageKey?: string;
  initialCap: number;
  onSubscription?: (id: string) => void;
}) {
  const { update } = useUrlParams();
  const stream = useLiveEvents(filter, initialCap, onSubscription, { includeCurrentState, storageKey });
  const { log, paused } = stream;
  return (
    <div className="stream" data-testid="event-stream">
      <div className="row">
        <span role="status" className={`status status-${stream.state}`} data-testid="stream-state">
          {stateText[stream.state]}
          {paused && stream.state === "live" && " (display paused)"}
        </span>
        <button
          type="button"
          className="secondary"
          onClick={stream.togglePause}
          aria-pressed={paused}
          disabled={stream.state === "failed"}
        >
          {paused ? "Resume stream" : "Pause stream"}
        </button>
        <label className="inline">
          Rows kept
          <select
            value={stream.cap}
            onChange={(e) => {
              stream.setCap(Number(e.target.value));
              update({ cap: e.target.value }, "replace");
            }}
          >
            {caps.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={stream.clear}>
          Clear events
        </button>
        <button type="button" className="secondary" onClick={() => download(log.rows)} disabled={log.rows.length === 0}>
          Download (JSON lines)
        </button>
      </div>
      {stream.error && (
        <div role="alert" className="error row">
          <span>{stream.error}</span>
          <button type="button" className="secondary" onClick={stream.retry}>
            Retry
          </button>
        </div>
      )}
      <p className="muted" data-testid="stream-counts" aria-live="polite">
        {plural(log.rows.length, "event")} shown, newest first.
        {paused && ` Paused: ${plural(log.heldCount, "event")} received since pausing, shown on resume.`}
        {log.dropped > 0 && ` ${plural(log.dropped, "older event")} dropped to keep at most ${stream.cap} rows.`}
      </p>
      {stream.notes.length > 0 && (
        <ul className="notes" aria-label="Stream notes">
          {stream.notes.map((n) => (
            <li key={n.at + n.text}>
              <span className="muted">{format(n.at, "HH:mm:ss")}</span> {n.text}
            </li>
          ))}
        </ul>
      )}
      {log.rows.length === 0 ? (
        <p className="muted">No events yet: changes that pass the filter appear here as they are committed.</p>
      ) : (
        <EventTable rows={log.rows} />
      )}
    </div>
  );
}
