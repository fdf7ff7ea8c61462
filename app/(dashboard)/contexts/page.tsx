import { Suspense } from "react";
import { ContextFilters } from "@/components/contexts/context-filters.tsx";
import { ContextList } from "@/components/contexts/context-list.tsx";

export const metadata = { title: "Contexts · ContextService" };

export default function ContextsPage() {
  return (
    <>
      <h1>Contexts</h1>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <ContextFilters />
        <ContextList />
      </Suspense>
    </>
  );
}
