/**
 * The header through which the custom server tells a page the path it was asked for (Next's
 * server components cannot read it otherwise): a logged-out deep link keeps it as callbackUrl.
 * The server sets it on every page request, overwriting anything a client sent.
 */
export const PAGE_PATH_HEADER = "x-contextservice-page-path";

/** A path on this site, never another origin (`//host`, `/\host`): where a login may return to. */
export const isLocalPath = (path: string) => path.startsWith("/") && !path.startsWith("//") && !path.includes("\\");

/** The login page's address that returns to `path` (Next's own `_rsc` marker dropped). */
export function loginHref(path: string | null): string {
  if (!path || !isLocalPath(path)) return "/login";
  const url = new URL(path, "http://localhost");
  url.searchParams.delete("_rsc");
  const back = url.pathname + url.search;
  return back === "/" ? "/login" : `/login?${new URLSearchParams({ callbackUrl: back })}`;
}
