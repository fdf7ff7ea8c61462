"use client";

import { useState } from "react";
import { useUrlParams } from "../url/use-url-params.ts";
import { EventFilterForm } from "./event-filter-form.tsx";
import { EventStream } from "./event-stream.tsx";
import { HeartbeatClientsTable } from "./heartbeat-clients-table.tsx";
import { LiveSubscribersTable } from "./live-subscribers-table.tsx";
import { streamParams } from "./stream-params.ts";
import { REFRESH_MS } from "./use-listeners-list.ts";

/** Who listens (heartbeat clients, live subscribers; refreshed, pausable) and a live stream of events with its filter. */
export function ListenersView() {
  const { params } = useUrlParams();
  const stream = streamParams(params);
  const [paused, setPaused] = useState(false);
  const [ownSubscription, setOwnSubscription] = useState<string | null>(null);
  return (
    <>
      <div className="row">
        <button type="button" className="secondary" onClick={() => setPaused((p) => !p)} aria-pressed={paused}>
          {paused ? "Resume refresh" : "Pause refresh"}
        </button>
        <span className="muted" role="status">
          {paused ? "Lists paused." : `Lists refresh every ${REFRESH_MS / 1000} s.`}
        </span>
      </div>
      <HeartbeatClientsTable paused={paused} />
      <LiveSubscribersTable paused={paused} ownSubscription={stream.running ? ownSubscription : null} />
      <section aria-labelledby="stream-heading">
        <h2 id="stream-heading">Live event stream</h2>
        <EventFilterForm />
        {stream.running ? (
          // Keyed by the filter: a new filter is a new subscription, with an empty list.
          <EventStream
            key={stream.key}
            filter={stream.filter}
            includeCurrentState={stream.includeCurrentState}
            storageKey={stream.key}
            initialCap={stream.cap}
            onSubscription={setOwnSubscription}
          />
        ) : (
          <p className="muted">The stream is stopped. Choose a filter (or none, for every change) and start it.</p>
        )}
      </section>
    </>
  );
}
