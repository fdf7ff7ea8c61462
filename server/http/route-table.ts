import { badInput } from "../core/errors.ts";
import type { Route } from "./route.ts";

type Compiled = { route: Route; regex: RegExp; names: string[] };

/** Matches a method and path to a route; `:name` segments become params. */
export class RouteTable {
  #compiled: Compiled[];

  constructor(routes: Route[]) {
    this.#compiled = routes.map((route) => {
      const names: string[] = [];
      const pattern = route.path
        .split("/")
        .map((seg) =>
          seg.startsWith(":") ? (names.push(seg.slice(1)), "([^/]+)") : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
        )
        .join("/");
      return { route, regex: new RegExp(`^${pattern}/?$`), names };
    });
  }

  /** The matching route, `methodNotAllowed` when only the method differs, or null. */
  match(
    method: string,
    pathname: string,
  ): { route: Route; params: Record<string, string> } | { methodNotAllowed: true } | null {
    let pathMatched = false;
    for (const c of this.#compiled) {
      const m = c.regex.exec(pathname);
      if (!m) continue;
      pathMatched = true;
      if (c.route.method !== method && !(method === "HEAD" && c.route.method === "GET")) continue;
      const params: Record<string, string> = {};
      c.names.forEach((n, i) => (params[n] = decodeParam(n, m[i + 1]!)));
      return { route: c.route, params };
    }
    return pathMatched ? { methodNotAllowed: true } : null;
  }
}

/** A path segment as text; broken percent-encoding is the caller's mistake (400), not ours. */
function decodeParam(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badInput(`${name}: "${raw.slice(0, 80)}" is not valid percent-encoding.`);
  }
}
