import { HealthSummary } from "@/components/overview/health-summary.tsx";
import { NodesCard } from "@/components/overview/nodes-card.tsx";
import { OverviewFigures } from "@/components/overview/overview-figures.tsx";

export const metadata = { title: "Overview · ContextService" };

export default function OverviewPage() {
  return (
    <>
      <h1>Overview</h1>
      <HealthSummary />
      <OverviewFigures />
      <NodesCard />
    </>
  );
}
