import { Suspense } from "react";
import { ContextView } from "@/components/contexts/context-view.tsx";

export const metadata = { title: "Context · ContextService" };

export default async function ContextPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <ContextView contextId={id} />
    </Suspense>
  );
}
