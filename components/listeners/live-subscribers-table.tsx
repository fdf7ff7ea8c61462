"use client";

import { formatTime } from "../format/format.ts";
import { LoadMore } from "../query/load-more.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { liveSubscriberSchema, type LiveSubscriber } from "./listener-schemas.ts";
import { useListenersList } from "./use-listeners-list.ts";
import { DataTable } from "../table/data-table.tsx";

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
    <DataTable
      label="Live subscribers"
      rows={rows}
      rowKey={(s) => s.id}
      columns={[
        {
          header: "Subscription",
          cell: (s) => (
            <>
              <code title={s.id}>{s.id.slice(0, 8)}</code>
              {s.id === own && <span className="tag">this page</span>}
            </>
          ),
        },
        { header: "User", cell: (s) => s.user },
        { header: "Filter", cell: (s) => <code className="clip">{JSON.stringify(s.filter)}</code> },
        {
          header: "Converter",
          cell: (s) => (s.converter ? <code className="clip">{s.converter.fields.join(", ")}</code> : "—"),
        },
        { header: "State", cell: (s) => (s.live ? "live" : "catching up") },
        {
          header: <span title="Events queued for this subscriber, not yet sent">Lag (queued)</span>,
          cell: (s) => <span className={s.queued > 0 ? "error" : undefined}>{s.queued}</span>,
        },
        { header: "Sent", cell: (s) => s.sent },
        { header: "Since", cell: (s) => formatTime(s.createdAt) },
        { header: "Last activity", cell: (s) => formatTime(s.lastActivity) },
      ]}
    />
  );
}
