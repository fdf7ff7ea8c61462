"use client";

import { useState, type ReactNode } from "react";
import { formatBytes } from "../format/format.ts";
import { Stat } from "../layout/stat.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { EvictionsTable } from "./evictions-table.tsx";
import { MetricsCharts } from "./metrics-charts.tsx";
import { RangePicker } from "./range-picker.tsx";
import { TopContextsTable } from "./top-contexts-table.tsx";
import { REFRESH_MS, useLiveMetrics } from "./use-live-metrics.ts";
import { DEFAULT_RANGE, isHistoryRange, useMetricsHistory } from "./use-metrics-history.ts";
import { useUrlParams } from "../url/use-url-params.ts";
import type { Metrics } from "./metrics-schema.ts";

const percent = (r: number, digits = 1) => `${(r * 100).toFixed(digits)}%`;

/**
 * The cache at a glance, refreshed every few seconds (pausable): figures, charts of the server's
 * history over a range kept in the URL (`?range=`), evictions, top contexts.
 */
export function MetricsDashboard() {
  const [paused, setPaused] = useState(false);
  const { params, update } = useUrlParams();
  const asked = params.get("range");
  const range = isHistoryRange(asked) ? asked : DEFAULT_RANGE;
  const query = useLiveMetrics(paused);
  const history = useMetricsHistory(range, paused);
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
      {!query.data ? (
        <QueryStatus query={query} what="metrics" />
      ) : (
        <Figures metrics={query.data}>
          <div className="row">
            <RangePicker value={range} onChange={(r) => update({ range: r === DEFAULT_RANGE ? null : r }, "replace")} />
          </div>
          {!history.data ? (
            <QueryStatus query={history} what="metrics history" />
          ) : (
            <MetricsCharts
              points={history.data.points}
              span={[history.data.fromMs, history.data.toMs]}
              cache={query.data.cache}
            />
          )}
        </Figures>
      )}
    </>
  );
}

// A dash, not "0.0% (0 hits, 0 misses)", while nothing has been looked up.
const hitRatioText = ({ hits, misses, hitRatio }: Metrics["cache"]) => (hits + misses === 0 ? "—" : percent(hitRatio));

function Figures({ metrics: { cache, top }, children }: { metrics: Metrics; children: ReactNode }) {
  return (
    <>
      <div className="grid" data-testid="cache-figures">
        <Stat label="Contexts cached" value={`${cache.contexts} / ${cache.maxContexts}`} />
        <Stat
          label="Bytes (estimated)"
          value={formatBytes(cache.bytes)}
          detail={`${percent(cache.bytes / cache.maxBytes)} of budget`}
        />
        <Stat
          label="Hit ratio"
          value={hitRatioText(cache)}
          detail={cache.hits + cache.misses ? `${cache.hits} hits, ${cache.misses} misses` : undefined}
        />
        <Stat
          label="Loads"
          value={String(cache.loads)}
          detail={cache.loadFailures ? `${cache.loadFailures} failed` : undefined}
        />
        <Stat
          label="Heap used"
          value={formatBytes(cache.heap.used)}
          detail={`${percent(cache.heap.used / cache.heap.limit, 0)} of the limit`}
        />
        <Stat label="AutoClear runs" value={String(cache.autoClear.runs)} />
      </div>
      {children}
      <EvictionsTable cache={cache} />
      <div className="chart-grid">
        <TopContextsTable title="Top contexts by bytes" rows={top.byBytes} />
        <TopContextsTable title="Top contexts by accesses" rows={top.byAccesses} />
      </div>
    </>
  );
}
