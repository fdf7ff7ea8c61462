import { NodesView } from "@/components/nodes/nodes-view.tsx";

export const metadata = { title: "Nodes · ContextService" };

export default function NodesPage() {
  return (
    <>
      <h1>Nodes</h1>
      <NodesView />
    </>
  );
}
