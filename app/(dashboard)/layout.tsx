import type { ReactNode } from "react";
import { RoleProvider } from "@/components/auth/role-context.tsx";
import { Nav } from "@/components/layout/nav.tsx";
import { requireSession } from "@/lib/auth/require-session.ts";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireSession();
  return (
    <div className="shell">
      <Nav user={user.name} role={user.role} />
      <main className="main">
        <RoleProvider role={user.role}>{children}</RoleProvider>
      </main>
    </div>
  );
}
