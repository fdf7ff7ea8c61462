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
import type { MetricsPoint } from "./use-live-metrics.ts";

const clock = (t: number) => new Date(t).toLocaleTimeString();
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

/** The grid, time axis, value axis and tooltip every chart here shares (recharts wants them as direct children). */
function timeAxes(format: (v: number) => string, tick: (v: number) => string, domain?: [number, number]) {
  return [
    <CartesianGrid key="grid" strokeDasharray="3 3" stroke="var(--border)" />,
    <XAxis key="x" dataKey="time" tickFormatter={clock} stroke="var(--muted)" minTickGap={40} />,
    <YAxis key="y" tickFormatter={tick} stroke="var(--muted)" width={64} domain={domain} />,
    <Tooltip key="tip" labelFormatter={(t) => clock(Number(t))} formatter={(v) => format(Number(v))} />,
  ];
}

function ChartPanel({ testId, caption, children }: { testId: string; caption: string; children: ReactElement }) {
  return (
    <figure className="panel chart" data-testid={testId}>
      <figcaption>{caption}</figcaption>
      <ResponsiveContainer width="100%" height={SIZE.height} initialDimension={SIZE}>
        {children}
      </ResponsiveContainer>
    </figure>
  );
}

/** Bytes cached against the budget, the hit ratio, and heap used against AutoClear's watermarks, over time. */
export function MetricsCharts({ history, cache }: { history: MetricsPoint[]; cache: Metrics["cache"] }) {
  const { limit } = cache.heap;
  const { highWatermark, lowWatermark } = cache.autoClear;
  return (
    <div className="chart-grid">
      <ChartPanel testId="chart-bytes" caption={`Cache bytes (estimated) · budget ${formatBytes(cache.maxBytes)}`}>
        <AreaChart data={history}>
          {timeAxes(formatBytes, tickBytes)}
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
      <ChartPanel testId="chart-hit-ratio" caption="Hit ratio">
        <LineChart data={history}>
          {timeAxes(percent, percent, [0, 1])}
          <Line
            type="monotone"
            dataKey="hitRatio"
            name="hit ratio"
            stroke="var(--ok)"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ChartPanel>
      <ChartPanel
        testId="chart-heap"
        caption={`Heap used · AutoClear evicts above ${percent(highWatermark)} of ${formatBytes(limit)}, down to ${percent(lowWatermark)}`}
      >
        <AreaChart data={history}>
          {timeAxes(formatBytes, tickBytes, [0, limit])}
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
