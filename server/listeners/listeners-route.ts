import { z } from "zod";
import { cursorParam, pageOf } from "../core/paging/cursor.ts";
import { dashboardRoute } from "../http/dashboard-route.ts";
import { limitParam, queryObject } from "../core/paging/query-params.ts";
import type { Route } from "../http/route.ts";
import type { Heartbeats } from "./heartbeat/heartbeats.ts";
import type { LiveHub } from "./live/live-hub.ts";

const kinds = ["live", "heartbeat"] as const;

const listenersQuery = z
  .object({
    kind: z.enum(kinds).default("live"),
    // The cursor names its kind, so one from the other list is refused rather than misread.
    cursor: cursorParam(
      z.union([z.tuple([z.literal("live"), z.string(), z.string()]), z.tuple([z.literal("heartbeat"), z.string()])]),
    ).optional(),
    limit: limitParam,
  })
  .superRefine((q, ctx) => {
    if (q.cursor && q.cursor[0] !== q.kind)
      ctx.addIssue({
        code: "custom",
        path: ["cursor"],
        message: `was made for kind=${q.cursor[0]}, not kind=${q.kind}`,
      });
  });

/** Sorts an in-memory list by `keyOf` (its cursor's parts) and keyset-pages it: what follows `after`, `limit` at most. */
function pageAfter<T>(items: T[], keyOf: (item: T) => string[], after: string[] | undefined, limit: number) {
  const compare = (a: string[], b: string[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  };
  const sorted = items.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => compare(a.key, b.key));
  const rest = after ? sorted.filter((s) => compare(s.key, after) > 0) : sorted;
  return pageOf(rest.slice(0, limit + 1), limit, (s) => s.key);
}

/**
 * GET /api/v1/listeners?kind=live|heartbeat&cursor=&limit= — one list per call, cursor-paged
 * like every dashboard list (never unbounded): live subscribers oldest first by (createdAt, id)
 * with `lagged` (subscribers dropped so far), or heartbeat clients by source. `total` is the
 * list's whole size (heartbeat clients of a cluster are read from the database).
 */
export const listenersRoute = (services: { heartbeats: Heartbeats; live: LiveHub }): Route =>
  dashboardRoute("listeners", { query: listenersQuery }, async ({ url, principal }) => {
    const q = listenersQuery.parse(queryObject(url));
    const after = q.cursor as string[] | undefined;
    if (q.kind === "heartbeat") {
      // Heartbeat sources are their owners' business: a viewer lists only their own.
      const clients = await services.heartbeats.describe(principal);
      const { rows, nextCursor } = pageAfter(clients, (c) => ["heartbeat", c.source], after, q.limit);
      return { kind: q.kind, items: rows.map((r) => r.item), nextCursor, total: clients.length };
    }
    const { subscribers, lagged } = services.live.describe();
    const { rows, nextCursor } = pageAfter(subscribers, (s) => ["live", s.createdAt, s.id], after, q.limit);
    return { kind: q.kind, items: rows.map((r) => r.item), nextCursor, total: subscribers.length, lagged };
  });
