"use client";

import { formatTime } from "../format/format.ts";
import { LoadMore } from "../query/load-more.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { liveSubscriberSchema, type LiveSubscriber } from "./listener-schemas.ts";
import { useListenersList } from "./use-listeners-list.ts";

/** Live socket.io subscribers: who, what their filter passes, and their lag (events queued for them, not yet sent). */
export function LiveSubscribersTable({ paused, ownSubscription }: { paused: boolean; ownSubscription: string | null }) {
  const list = useListenersList("live", liveSubscriberSchema, paused);
  const first = list.data?.pages[0];
  return (
    <section aria-labelledby="subscribers-heading">
      <h2 id="subscribers-heading">Live subscribers{first ? ` (${first.total})` : ""}</h2>
      {!list.isSuccess ? (
        <QueryStatus query={list} what="live subscribers" />
      ) : (
        <SubscriberRows rows={list.data.pages.flatMap((p) => p.items)} own={ownSubscription} />
      )}
      {first && (
        <p className="muted">
          Dropped for lagging since the server started: {first.lagged ?? 0}. A lagging subscriber is told where to
          resume.
        </p>
      )}
      {list.isSuccess && <LoadMore query={list} what="live subscribers" />}
    </section>
  );
}

function SubscriberRows({ rows, own }: { rows: LiveSubscriber[]; own: string | null }) {
  if (rows.length === 0)
    return (
      <p className="muted">
        No live subscribers. Start the event stream below, or subscribe on socket.io namespace /events.
      </p>
    );
  return (
    <table aria-label="Live subscribers">
      <thead>
        <tr>
          <th>Subscription</th>
          <th>User</th>
          <th>Filter</th>
          <th>Converter</th>
          <th>State</th>
          <th title="Events queued for this subscriber, not yet sent">Lag (queued)</th>
          <th>Sent</th>
          <th>Since</th>
          <th>Last activity</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.id}>
            <td>
              <code title={s.id}>{s.id.slice(0, 8)}</code>
              {s.id === own && <span className="tag">this page</span>}
            </td>
            <td>{s.user}</td>
            <td>
              <code className="clip">{JSON.stringify(s.filter)}</code>
            </td>
            <td>{s.converter ? <code className="clip">{s.converter.fields.join(", ")}</code> : "—"}</td>
            <td>{s.live ? "live" : "catching up"}</td>
            <td className={s.queued > 0 ? "error" : undefined}>{s.queued}</td>
            <td>{s.sent}</td>
            <td>{formatTime(s.createdAt)}</td>
            <td>{formatTime(s.lastActivity)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
