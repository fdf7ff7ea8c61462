"use client";

import { useState } from "react";
import { formatBytes } from "../format/format.ts";
import { Stat } from "../layout/stat.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { EvictionsTable } from "./evictions-table.tsx";
import { MetricsCharts } from "./metrics-charts.tsx";
import { TopContextsTable } from "./top-contexts-table.tsx";
import { REFRESH_MS, useLiveMetrics } from "./use-live-metrics.ts";

const percent = (r: number, digits = 1) => `${(r * 100).toFixed(digits)}%`;

/** The cache at a glance, refreshed every few seconds (pausable): figures, charts, evictions, top contexts. */
export function MetricsDashboard() {
  const [paused, setPaused] = useState(false);
  const query = useLiveMetrics(paused);
  return (
    <>
      <div className="row">
        <button type="button" className="secondary" onClick={() => setPaused((p) => !p)} aria-pressed={paused}>
          {paused ? "Resume" : "Pause"}
        </button>
        <span className="muted" role="status">
          {paused ? "Paused." : `Live: refreshes every ${REFRESH_MS / 1000} s.`}
          {query.isError && query.data && " The last refresh failed; showing the previous figures."}
        </span>
      </div>
      {!query.data ? <QueryStatus query={query} what="metrics" /> : <Figures {...query.data} />}
    </>
  );
}

function Figures({ metrics: { cache, top }, history }: NonNullable<ReturnType<typeof useLiveMetrics>["data"]>) {
  return (
    <>
      <div className="grid" data-testid="cache-figures">
        <Stat label="Contexts cached" value={`${cache.contexts} / ${cache.maxContexts}`} />
        <Stat
          label="Bytes (estimated)"
          value={`${formatBytes(cache.bytes)} (${percent(cache.bytes / cache.maxBytes)} of budget)`}
        />
        <Stat label="Hit ratio" value={`${percent(cache.hitRatio)} (${cache.hits} hits, ${cache.misses} misses)`} />
        <Stat label="Loads" value={`${cache.loads}${cache.loadFailures ? ` (${cache.loadFailures} failed)` : ""}`} />
        <Stat
          label="Heap used"
          value={`${formatBytes(cache.heap.used)} (${percent(cache.heap.used / cache.heap.limit, 0)})`}
        />
        <Stat label="AutoClear runs" value={String(cache.autoClear.runs)} />
      </div>
      <MetricsCharts history={history} cache={cache} />
      <EvictionsTable cache={cache} />
      <div className="chart-grid">
        <TopContextsTable title="Top contexts by bytes" rows={top.byBytes} />
        <TopContextsTable title="Top contexts by accesses" rows={top.byAccesses} />
      </div>
    </>
  );
}
