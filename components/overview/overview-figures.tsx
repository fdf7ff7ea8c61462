"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fetchJson } from "../api/fetch-json.ts";
import { formatBytes, formatTime } from "../format/format.ts";
import { Stat } from "../layout/stat.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { DataTable } from "../table/data-table.tsx";
import { overviewSchema, type Overview } from "./overview-schema.ts";

const REFRESH_MS = 10_000;
const count = ({ count, estimated }: { count: number; estimated: boolean }) =>
  `${estimated ? "≈ " : ""}${count.toLocaleString("en-US")}`;
const percent = (r: number) => `${(r * 100).toFixed(1)}%`;

/** Contexts, entries, the cache, listeners and the latest clears, refreshed every 10 s. */
export function OverviewFigures() {
  const query = useQuery({
    queryKey: ["overview"],
    queryFn: () => fetchJson("/api/v1/overview", overviewSchema),
    refetchInterval: REFRESH_MS,
  });
  if (!query.data) return <QueryStatus query={query} what="the overview" />;
  const o = query.data;
  return (
    <>
      <div className="grid overview-figures" data-testid="overview-figures">
        <Stat label="Contexts" value={count(o.contexts)} />
        <Stat label="Entries" value={count(o.entries)} />
        <Stat
          label="Cached"
          value={`${o.cache.contexts.toLocaleString("en-US")} contexts`}
          detail={`${formatBytes(o.cache.bytes)}, ${percent(o.cache.bytes / o.cache.maxBytes)} of budget`}
        />
        <Stat
          label="Hit ratio"
          value={o.cache.hitRatio === null ? "—" : percent(o.cache.hitRatio)}
          detail={o.cache.hitRatio === null ? undefined : `of ${o.cache.hits + o.cache.misses} lookups`}
        />
        <Stat
          label="Live subscribers"
          value={String(o.listeners.live)}
          detail={o.listeners.lagged ? `${o.listeners.lagged} lagged so far` : undefined}
        />
        <Stat label="Heartbeat clients" value={String(o.listeners.heartbeat)} />
      </div>
      <p className="muted">
        {o.contexts.estimated || o.entries.estimated ? "≈: PostgreSQL's estimate. " : ""}Counted at{" "}
        {formatTime(o.countedAt)} (counts of a large database refresh at most every 30 s).
      </p>
      {o.cleanups && <RecentCleanups cleanups={o.cleanups} />}
      {o.problems && <RecentProblems problems={o.problems} />}
    </>
  );
}

function RecentCleanups({ cleanups }: { cleanups: NonNullable<Overview["cleanups"]> }) {
  return (
    <section>
      <h2>Latest cleanups</h2>
      {cleanups.length === 0 ? (
        <p className="muted">
          None yet. <Link href="/cleanup">Clean up by time</Link>
        </p>
      ) : (
        <DataTable
          label="Latest cleanups"
          rows={cleanups}
          rowKey={(c) => c.id}
          columns={[
            { header: "Action", cell: (c) => c.action },
            { header: "Status", cell: (c) => c.status },
            {
              header: "Contexts",
              cell: (c) =>
                `${c.processed.toLocaleString("en-US")}${c.processed !== c.total ? ` of ${c.total.toLocaleString("en-US")}` : ""}`,
            },
            { header: "By", cell: (c) => c.actor },
            { header: "Started", cell: (c) => formatTime(c.startTime) },
            { header: "Finished", cell: (c) => formatTime(c.finishTime) },
          ]}
        />
      )}
    </section>
  );
}

function RecentProblems({ problems }: { problems: NonNullable<Overview["problems"]> }) {
  return (
    <section>
      <h2>Recent warnings and errors</h2>
      {problems.length === 0 ? (
        <p className="muted">None since the server started.</p>
      ) : (
        <DataTable
          label="Recent warnings and errors"
          rows={problems.map((p, i) => ({ ...p, i }))}
          rowKey={(p) => `${p.time}-${p.i}`}
          columns={[
            { header: "Time", cell: (p) => formatTime(p.time) },
            { header: "Level", cell: (p) => <span className={p.level === "warn" ? "muted" : "error"}>{p.level}</span> },
            { header: "What", cell: (p) => `${p.msg}${p.error ? `: ${p.error}` : ""}` },
            { header: "About", cell: (p) => p.about ?? "—" },
          ]}
        />
      )}
      <p className="muted">The last ten; the full record is the server&apos;s log.</p>
    </section>
  );
}
