"use client";

import type { ReactElement } from "react";
import {
  Area,
  AreaChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatBytes } from "../format/format.ts";
import type { Metrics } from "./metrics-schema.ts";
import type { MetricsPoint } from "./use-metrics-history.ts";

const minutes = (t: number) => new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
const seconds = (t: number) => new Date(t).toLocaleTimeString();
const clockWithSeconds = (t: number) => new Date(t).toLocaleString();
/** Evenly spaced time ticks over the whole range (recharts would place them only where data is). */
const ticksOver = ([from, to]: [number, number], n = 6) =>
  Array.from({ length: n }, (_, i) => Math.round(from + (i * (to - from)) / (n - 1)));
const percent = (r: number) => `${(r * 100).toFixed(0)}%`;
// Axis ticks: short enough not to wrap (the tooltips keep formatBytes' precision).
const tickBytes = (n: number) =>
  n >= 2 ** 30
    ? `${(n / 2 ** 30).toFixed(1)} GB`
    : n >= 2 ** 20
      ? `${Math.round(n / 2 ** 20)} MB`
      : n >= 1024
        ? `${Math.round(n / 1024)} KB`
        : `${n} B`;
const SIZE = { width: 520, height: 220 }; // before the container is measured (and on the server)

// The tooltip in the page's colours (recharts' default is a white box, unreadable in dark mode).
const tooltipStyle = {
  contentStyle: { background: "var(--panel)", border: "1px solid var(--border)", color: "var(--text)" },
  labelStyle: { color: "var(--muted)" },
  itemStyle: { color: "var(--text)" },
};

/** The grid, time axis, value axis and tooltip every chart here shares (recharts wants them as direct children). */
function timeAxes(
  span: [number, number],
  format: (v: number) => string,
  tick: (v: number) => string,
  domain?: [number, number | ((max: number) => number)],
) {
  return [
    <CartesianGrid key="grid" strokeDasharray="3 3" stroke="var(--border)" />,
    <XAxis
      key="x"
      dataKey="time"
      type="number"
      scale="time"
      domain={span}
      ticks={ticksOver(span)}
      tickFormatter={span[1] - span[0] <= 15 * 60_000 ? seconds : minutes}
      stroke="var(--muted)"
      minTickGap={40}
    />,
    <YAxis key="y" tickFormatter={tick} stroke="var(--muted)" width={64} domain={domain} allowDecimals={false} />,
    <Tooltip
      key="tip"
      {...tooltipStyle}
      labelFormatter={(t) => clockWithSeconds(Number(t))}
      formatter={(v) => (v === null || v === undefined ? "—" : format(Number(v)))}
    />,
  ];
}

/** Shown instead of a chart that would only draw a flat line at zero (and axis ticks of "0 B … 4 B"). */
function NoData({ text }: { text: string }) {
  return (
    <p className="muted chart-empty" style={{ height: SIZE.height }}>
      — {text}
    </p>
  );
}

function ChartPanel({
  testId,
  caption,
  empty,
  children,
}: {
  testId: string;
  caption: string;
  /** When set, the chart has nothing to show: this says why. */
  empty?: string;
  children: ReactElement;
}) {
  return (
    <figure className="panel chart" data-testid={testId}>
      <figcaption>{caption}</figcaption>
      {empty ? (
        <NoData text={empty} />
      ) : (
        <ResponsiveContainer width="100%" height={SIZE.height} initialDimension={SIZE}>
          {children}
        </ResponsiveContainer>
      )}
    </figure>
  );
}

/**
 * Bytes cached against the budget, the hit ratio, and heap used against AutoClear's watermarks,
 * over the chosen range, from the server's samples.
 */
export function MetricsCharts({
  points,
  span,
  cache,
}: {
  points: MetricsPoint[];
  span: [number, number];
  cache: Metrics["cache"];
}) {
  const { limit } = cache.heap;
  const { highWatermark, lowWatermark } = cache.autoClear;
  const noSamples = points.length === 0 ? "no samples in this range yet" : undefined;
  const nothingCached = points.every((p) => p.bytes === 0) ? "nothing was cached in this range" : undefined;
  const noLookups = points.every((p) => p.hitRatio === null) ? "no lookups in this range" : undefined;
  return (
    <div className="chart-grid">
      <ChartPanel
        testId="chart-bytes"
        caption={`Cache bytes (estimated) · budget ${formatBytes(cache.maxBytes)}`}
        empty={noSamples ?? nothingCached}
      >
        <AreaChart data={points}>
          {timeAxes(span, formatBytes, tickBytes)}
          <ReferenceLine
            y={cache.maxBytes}
            stroke="var(--danger)"
            strokeDasharray="4 4"
            label="budget"
            ifOverflow="discard"
          />
          <Area
            type="monotone"
            dataKey="bytes"
            name="cached"
            stroke="var(--accent)"
            fill="var(--accent)"
            fillOpacity={0.2}
            isAnimationActive={false}
          />
        </AreaChart>
      </ChartPanel>
      <ChartPanel testId="chart-hit-ratio" caption="Hit ratio" empty={noSamples ?? noLookups}>
        <LineChart data={points}>
          {timeAxes(span, percent, percent, [0, 1])}
          <Line
            type="monotone"
            dataKey="hitRatio"
            name="hit ratio"
            stroke="var(--ok)"
            // A sample without lookups has no ratio: the line carries on to the next one that has.
            connectNulls
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ChartPanel>
      <ChartPanel
        testId="chart-heap"
        caption={`Heap used · AutoClear evicts above ${percent(highWatermark)} of ${formatBytes(limit)}, down to ${percent(lowWatermark)}`}
        empty={noSamples}
      >
        <AreaChart data={points}>
          {timeAxes(span, formatBytes, tickBytes, [0, limit])}
          <ReferenceLine y={highWatermark * limit} stroke="var(--danger)" strokeDasharray="4 4" label="high" />
          <ReferenceLine y={lowWatermark * limit} stroke="var(--muted)" strokeDasharray="4 4" label="low" />
          <Area
            type="monotone"
            dataKey="heapUsed"
            name="heap used"
            stroke="var(--muted)"
            fill="var(--muted)"
            fillOpacity={0.2}
            isAnimationActive={false}
          />
        </AreaChart>
      </ChartPanel>
    </div>
  );
}
