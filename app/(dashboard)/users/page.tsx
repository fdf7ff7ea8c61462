import { UsersView } from "@/components/access/users-view.tsx";
import { requireAdmin } from "@/lib/auth/require-session.ts";

export const metadata = { title: "Users · ContextService" };

/** Admins only: a viewer gets a 403 page; the API refuses them (403) too. */
export default async function UsersPage() {
  const user = await requireAdmin();
  return (
    <>
      <h1>Users</h1>
      <UsersView me={user.name} />
    </>
  );
}
