import { Suspense } from "react";
import { ListenersView } from "@/components/listeners/listeners-view.tsx";

export const metadata = { title: "Listeners · ContextService" };

export default function ListenersPage() {
  return (
    <>
      <h1>Listeners</h1>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <ListenersView />
      </Suspense>
    </>
  );
}
