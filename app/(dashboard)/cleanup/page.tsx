import { AdminRequired } from "@/components/cleanup/admin-required.tsx";
import { CleanupView } from "@/components/cleanup/cleanup-view.tsx";
import { requireSession } from "@/lib/auth/require-session.ts";

export const metadata = { title: "Cleanup · ContextService" };

/**
 * Admins only. A viewer gets the refusal and never the tool; the API refuses them (403) too.
 * The answer's HTTP status stays 200: Next's forbidden() needs `experimental.authInterrupts`.
 */
export default async function CleanupPage() {
  const user = await requireSession();
  if (user.role !== "admin") return <AdminRequired page="Cleanup" />;
  return (
    <>
      <h1>Cleanup</h1>
      <CleanupView />
    </>
  );
}
