import { Suspense } from "react";
import { MetricsDashboard } from "@/components/metrics/metrics-dashboard.tsx";

export const metadata = { title: "Metrics · ContextService" };

export default function MetricsPage() {
  return (
    <>
      <h1>Metrics</h1>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <MetricsDashboard />
      </Suspense>
    </>
  );
}
