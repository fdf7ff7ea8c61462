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
      {/* First in the tab order: past the navigation to the page itself. */}
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <div className="shell">
        <Nav user={user.name} role={user.role} />
        <div className="content">
          <header className="topbar">
            <GoToId />
          </header>
          <main id="main" tabIndex={-1} className="main">
            {children}
          </main>
        </div>
      </div>
    </RoleProvider>
  );
}
