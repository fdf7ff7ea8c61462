"use client";

import { useQuery } from "@tanstack/react-query";
import { Stat } from "../layout/stat.tsx";

type Health = { status: string; database: string; uptimeSeconds: number; version: string };

/** Server liveness at a glance, refreshed every 10 s. */
export function HealthSummary() {
  const health = useQuery({
    queryKey: ["health"],
    queryFn: async (): Promise<Health> => (await fetch("/api/health")).json(),
    refetchInterval: 10_000,
  });
  if (health.isPending) return <p className="muted">Loading server status…</p>;
  if (health.isError) return <p className="error">Could not reach the server: {health.error.message}</p>;
  const h = health.data;
  return (
    <div className="grid" data-testid="health-summary">
      <Stat label="Server" value={h.status} />
      <Stat label="Database" value={h.database} />
      <Stat label="Uptime" value={formatUptime(h.uptimeSeconds)} />
      <Stat label="Version" value={h.version} />
    </div>
  );
}

const formatUptime = (s: number) =>
  s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;
