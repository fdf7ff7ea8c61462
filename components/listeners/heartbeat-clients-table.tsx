"use client";

import { LoadMore } from "../query/load-more.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { heartbeatClientSchema, type HeartbeatClient } from "./listener-schemas.ts";
import { useListenersList } from "./use-listeners-list.ts";
import { DataTable } from "../table/data-table.tsx";

const age = (ms: number) =>
  ms < 1000
    ? `${ms} ms`
    : ms < 60_000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;

/** Heartbeat clients (the Linkis listener model): bindings, how long since each was heard from, changes waiting for it. */
export function HeartbeatClientsTable({ paused }: { paused: boolean }) {
  const list = useListenersList("heartbeat", heartbeatClientSchema, paused);
  const total = list.data?.pages[0]?.total;
  return (
    <section aria-labelledby="heartbeat-heading">
      <h2 id="heartbeat-heading">Heartbeat clients{total === undefined ? "" : ` (${total})`}</h2>
      {!list.isSuccess ? (
        <QueryStatus query={list} what="heartbeat clients" />
      ) : (
        <HeartbeatRows rows={list.data.pages.flatMap((p) => p.items)} />
      )}
      {list.isSuccess && <LoadMore query={list} what="heartbeat clients" />}
    </section>
  );
}

function HeartbeatRows({ rows }: { rows: HeartbeatClient[] }) {
  if (rows.length === 0)
    return (
      <p className="muted">
        No heartbeat clients. A service appears here once it binds a listener (onBindIDListener or onBindKeyListener).
      </p>
    );
  return (
    <DataTable
      label="Heartbeat clients"
      rows={rows}
      rowKey={(c) => c.source}
      columns={[
        { header: "Source", cell: (c) => <code>{c.source}</code> },
        { header: "Context bindings", cell: (c) => c.idBindings },
        { header: "Key bindings", cell: (c) => c.keyBindings },
        { header: "Last heartbeat", cell: (c) => `${age(c.lastHeartbeatAgeMs)} ago` },
        {
          header: "Pending changes",
          cell: (c) => (
            <>
              {c.pending}
              {c.resync && (
                <span
                  className="tag"
                  title="Changes were dropped (over the bound, or across a restart): the client must re-read"
                >
                  must resync
                </span>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
