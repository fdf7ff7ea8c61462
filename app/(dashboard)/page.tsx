import { HealthSummary } from "@/components/overview/health-summary.tsx";

export const metadata = { title: "Overview · ContextService" };

export default function OverviewPage() {
  return (
    <>
      <h1>Overview</h1>
      <HealthSummary />
    </>
  );
}
