"use client";

import { Area, AreaChart, CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBytes } from "../format/format.ts";
import type { Metrics } from "./metrics-schema.ts";
import type { MetricsPoint } from "./use-live-metrics.ts";

const clock = (t: number) => new Date(t).toLocaleTimeString();
// Axis ticks: short enough not to wrap (the tooltips keep formatBytes' precision).
const tickBytes = (n: number) => (n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(1)} GB` : n >= 2 ** 20 ? `${Math.round(n / 2 ** 20)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`);
const percent = (r: number) => `${(r * 100).toFixed(0)}%`;
const SIZE = { width: 520, height: 220 }; // before the container is measured (and on the server)

/** Bytes cached against the budget, heap used against AutoClear's watermarks, and the hit ratio, over time. */
export function MetricsCharts({ history, cache }: { history: MetricsPoint[]; cache: Metrics["cache"] }) {
  const { limit } = cache.heap;
  return (
    <div className="chart-grid">
      <figure className="panel chart" data-testid="chart-bytes">
        <figcaption>Cache bytes (estimated) · budget {formatBytes(cache.maxBytes)}</figcaption>
        <ResponsiveContainer width="100%" height={SIZE.height} initialDimension={SIZE}>
          <AreaChart data={history}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="time" tickFormatter={clock} stroke="var(--muted)" minTickGap={40} />
            <YAxis tickFormatter={tickBytes} stroke="var(--muted)" width={64} />
            <Tooltip labelFormatter={(t) => clock(Number(t))} formatter={(v) => formatBytes(Number(v))} />
            <ReferenceLine y={cache.maxBytes} stroke="var(--danger)" strokeDasharray="4 4" label="budget" ifOverflow="discard" />
            <Area type="monotone" dataKey="bytes" name="cached" stroke="var(--accent)" fill="var(--accent)" fillOpacity={0.2} isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </figure>
      <figure className="panel chart" data-testid="chart-hit-ratio">
        <figcaption>Hit ratio</figcaption>
        <ResponsiveContainer width="100%" height={SIZE.height} initialDimension={SIZE}>
          <LineChart data={history}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="time" tickFormatter={clock} stroke="var(--muted)" minTickGap={40} />
            <YAxis domain={[0, 1]} tickFormatter={percent} stroke="var(--muted)" width={48} />
            <Tooltip labelFormatter={(t) => clock(Number(t))} formatter={(v) => percent(Number(v))} />
            <Line type="monotone" dataKey="hitRatio" name="hit ratio" stroke="var(--ok)" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className="panel chart" data-testid="chart-heap">
        <figcaption>
          Heap used · AutoClear evicts above {percent(cache.autoClear.highWatermark)} of {formatBytes(limit)}, down to {percent(cache.autoClear.lowWatermark)}
        </figcaption>
        <ResponsiveContainer width="100%" height={SIZE.height} initialDimension={SIZE}>
          <AreaChart data={history}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="time" tickFormatter={clock} stroke="var(--muted)" minTickGap={40} />
            <YAxis tickFormatter={tickBytes} stroke="var(--muted)" width={64} domain={[0, limit]} />
            <Tooltip labelFormatter={(t) => clock(Number(t))} formatter={(v) => formatBytes(Number(v))} />
            <ReferenceLine y={cache.autoClear.highWatermark * limit} stroke="var(--danger)" strokeDasharray="4 4" label="high" />
            <ReferenceLine y={cache.autoClear.lowWatermark * limit} stroke="var(--muted)" strokeDasharray="4 4" label="low" />
            <Area type="monotone" dataKey="heapUsed" name="heap used" stroke="var(--muted)" fill="var(--muted)" fillOpacity={0.2} isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
