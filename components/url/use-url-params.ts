"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect } from "react";

/**
 * The queries this page asked the router for that the rendered URL has not reached yet. Two
 * updates in a row (two bounds typed quickly) must compose: built from the rendered parameters,
 * the second dropped the first whenever it ran before the router had re-rendered.
 */
let pending: { pathname: string; sent: string[] } | null = null;

/**
 * The page's query string as its state (filters, tabs, searches are shareable links).
 * `update` sets the given parameters, removing the empty ones, and keeps the rest.
 */
export function useUrlParams() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    if (!pending) return;
    const at = pending.sent.indexOf(params.toString());
    // Caught up with the last query sent, or moved elsewhere (back, a link): nothing is pending.
    // Otherwise the rendered query stays at the front, so this effect of every component using
    // the hook on the page gives the same answer however many run for one render.
    if (at === -1 || at === pending.sent.length - 1) pending = null;
    else pending.sent = pending.sent.slice(at);
  }, [params]);
  const update = useCallback(
    (changes: Record<string, string | null | undefined>, how: "push" | "replace" = "push") => {
      const latest = pending?.pathname === pathname ? pending.sent.at(-1)! : params.toString();
      const next = new URLSearchParams(latest);
      for (const [name, value] of Object.entries(changes)) {
        if (value) next.set(name, value);
        else next.delete(name);
      }
      const query = next.toString();
      pending = { pathname, sent: [...(pending?.pathname === pathname ? pending.sent : []), query] };
      router[how](query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, router, pathname],
  );
  return { params, update };
}
