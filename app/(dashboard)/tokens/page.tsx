import { TokensView } from "@/components/access/tokens-view.tsx";
import { requireAdmin } from "@/lib/auth/require-session.ts";

export const metadata = { title: "Tokens · ContextService" };

/** Admins only: a viewer gets a 403 page; the API refuses them (403) too. */
export default async function TokensPage() {
  await requireAdmin();
  return (
    <>
      <h1>Tokens</h1>
      <TokensView />
    </>
  );
}
