import type { ReactNode } from "react";
import { RoleProvider } from "@/components/auth/role-context.tsx";
import { GoToId } from "@/components/layout/go-to-id.tsx";
import { Nav } from "@/components/layout/nav.tsx";
import { requireSession } from "@/lib/auth/require-session.ts";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireSession();
  return (
    <RoleProvider role={user.role}>
      <div className="shell">
        <Nav user={user.name} role={user.role} />
        <div className="content">
          <header className="topbar">
            <GoToId />
          </header>
          <main className="main">{children}</main>
        </div>
      </div>
    </RoleProvider>
  );
}
