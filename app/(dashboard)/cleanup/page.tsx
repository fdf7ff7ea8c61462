import { CleanupView } from "@/components/cleanup/cleanup-view.tsx";
import { requireAdmin } from "@/lib/auth/require-session.ts";

export const metadata = { title: "Cleanup · ContextService" };

/** Admins only: a viewer gets a 403 page and never the tool; the API refuses them (403) too. */
export default async function CleanupPage() {
  await requireAdmin();
  return (
    <>
      <h1>Cleanup</h1>
      <CleanupView />
    </>
  );
}
