"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";

const links = [
  { href: "/", label: "Overview", adminOnly: false },
  { href: "/contexts", label: "Contexts", adminOnly: false },
  { href: "/search", label: "Search", adminOnly: false },
  { href: "/metrics", label: "Metrics", adminOnly: false },
  { href: "/listeners", label: "Listeners", adminOnly: false },
  { href: "/nodes", label: "Nodes", adminOnly: false },
  { href: "/cleanup", label: "Cleanup", adminOnly: true },
  { href: "/users", label: "Users", adminOnly: true },
  { href: "/tokens", label: "Tokens", adminOnly: true },
];

/** Side navigation; admin-only pages are not shown to viewers. */
export function Nav({ user, role }: { user: string; role: "admin" | "viewer" }) {
  const pathname = usePathname();
  const isCurrent = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand">ContextService</div>
      {links
        .filter((l) => !l.adminOnly || role === "admin")
        .map((l) => (
          <Link key={l.href} href={l.href} aria-current={isCurrent(l.href) ? "page" : undefined}>
            {l.label}
          </Link>
        ))}
      <div className="who">
        <span data-testid="current-user">
          {user} · {role}
        </span>
        <button className="secondary" onClick={() => signOut({ callbackUrl: "/login" })}>
          Log out
        </button>
      </div>
    </nav>
  );
}
