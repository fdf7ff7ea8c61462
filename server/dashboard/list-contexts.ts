import { z } from "zod";
import type { ContextCache } from "../cache/index.ts";
import { formatPublicId } from "../core/public-id.ts";
import { dateInput, MAX_TIME, MIN_TIME } from "../core/date-input.ts";
import type { Db, Provider } from "../persistence/database.ts";
import type { Prisma } from "../persistence/generated/sqlite/client.ts";
import { cursorParam, cursorRowId, pageOf } from "../core/paging/cursor.ts";
import { limitParam, textParam } from "../core/paging/query-params.ts";
import { countContexts } from "./count-contexts.ts";
import { matchingNames } from "./matching-names.ts";

const timeSorts = ["createTime", "updateTime", "accessTime"] as const;
// Bytes and accesses are cache metrics: those sorts list the cached contexts only.
const metricSorts = ["bytes", "accesses"] as const;
const sorts = [...timeSorts, ...metricSorts] as const;
const orders = ["asc", "desc"] as const;
const isTimeSort = (sort: string) => (timeSorts as readonly string[]).includes(sort);

export const listContextsQuery = z
  .object({
    // The cursor names its sort, so a cursor from another sort is refused rather than misread.
    cursor: cursorParam(
      z
        .tuple([z.enum(sorts), z.enum(orders), z.number().int(), cursorRowId])
        // A time sort's value becomes a Date in the query: outside the stored range it was a 500.
        .refine(([sort, , value]) => !isTimeSort(sort) || (value >= MIN_TIME && value <= MAX_TIME)),
    ).optional(),
    limit: limitParam,
    user: textParam.optional(),
    application: textParam.optional(),
    createdFrom: dateInput.optional(),
    createdTo: dateInput.optional(),
    updatedFrom: dateInput.optional(),
    updatedTo: dateInput.optional(),
    accessedFrom: dateInput.optional(),
    accessedTo: dateInput.optional(),
    sort: z.enum(sorts).default("createTime"),
    order: z.enum(orders).default("desc"),
  })
  .superRefine((q, ctx) => {
    if (q.cursor && (q.cursor[0] !== q.sort || q.cursor[1] !== q.order)) {
      ctx.addIssue({
        code: "custom",
        path: ["cursor"],
        message: `was made for sort=${q.cursor[0]}&order=${q.cursor[1]}, not sort=${q.sort}&order=${q.order}`,
      });
    }
  });

export type ListContextsQuery = z.infer<typeof listContextsQuery>;

const range = (from?: Date, to?: Date) =>
  from || to ? { ...(from && { gte: from }), ...(to && { lte: to }) } : undefined;

/**
 * One page of contexts, newest first by default. Keyset paging on (sort column, id): every
 * filter and the sort use the indexed columns of context_id, so a page costs the same at row
 * 10 as at row 1,000,000. Entry counts come from one grouped count for the page's ids.
 */
export async function listContexts(db: Db, provider: Provider, cache: ContextCache, q: ListContextsQuery) {
  const where: Prisma.ContextIdWhereInput = {
    // Part of the name, any case: the names that match, then the usual index on the column.
    user: q.user === undefined ? undefined : { in: await matchingNames(db, provider, "user", q.user) },
    application:
      q.application === undefined ? undefined : { in: await matchingNames(db, provider, "application", q.application) },
    createTime: range(q.createdFrom, q.createdTo),
    updateTime: range(q.updatedFrom, q.updatedTo),
    accessTime: range(q.accessedFrom, q.accessedTo),
  };
  if (q.sort === "bytes" || q.sort === "accesses") return listCachedContexts(db, cache, q, where);
  // The total is the first page's (later pages are asked for with a cursor): the count of the
  // filters alone, before the cursor narrows them.
  const filtered = Object.values(where).some((v) => v !== undefined);
  const counting = q.cursor ? null : countContexts(db, provider, { ...where }, filtered);
  const sort = q.sort;
  if (q.cursor) {
    const [, order, time, id] = q.cursor;
    const before = order === "desc";
    const at = new Date(time);
    // (col <= v) narrows through the column's index; the OR breaks ties by id.
    where.AND = [
      { [sort]: before ? { lte: at } : { gte: at } },
      { OR: [{ [sort]: before ? { lt: at } : { gt: at } }, { id: before ? { lt: id } : { gt: id } }] },
    ];
  }
  const fetched = await db.contextId.findMany({
    where,
    orderBy: [{ [sort]: q.order }, { id: q.order }],
    take: q.limit + 1,
  });
  const { rows, nextCursor } = pageOf(fetched, q.limit, (r) => [sort, q.order, r[sort].getTime(), r.id]);
  return { items: await toItems(db, cache, rows), nextCursor, ...(await counting) };
}

/**
 * Contexts ordered by a cache metric (estimated bytes, access count): only cached contexts
 * have one, so the list is bounded by the cache (CACHE_MAX_CONTEXTS); filters still apply.
 */
async function listCachedContexts(
  db: Db,
  cache: ContextCache,
  q: ListContextsQuery,
  where: Prisma.ContextIdWhereInput,
) {
  const now = Date.now();
  const metricOf = (id: number) => {
    const value = cache.peek(id);
    if (!value) return -1;
    return q.sort === "bytes" ? value.bytes : value.metrics(now).accessCount;
  };
  const cachedIds = [...cache.values()].map((v) => v.id);
  const matching = await db.contextId.findMany({ where: { ...where, id: { in: cachedIds } }, select: { id: true } });
  const sign = q.order === "desc" ? -1 : 1;
  let ordered = matching
    .map((r) => ({ id: r.id, metric: metricOf(r.id) }))
    .sort((a, b) => sign * (a.metric - b.metric) || sign * (a.id - b.id));
  if (q.cursor) {
    const [, , metric, id] = q.cursor;
    ordered = ordered.filter((r) => sign * (r.metric - metric) > 0 || (r.metric === metric && sign * (r.id - id) > 0));
  }
  const { rows: page, nextCursor } = pageOf(ordered, q.limit, (r) => [q.sort, q.order, r.metric, r.id]);
  const rows = await db.contextId.findMany({ where: { id: { in: page.map((r) => r.id) } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: await toItems(
      db,
      cache,
      page.flatMap((r) => byId.get(r.id) ?? []),
    ),
    nextCursor,
    // Bounded by the cache, so always counted.
    ...(q.cursor ? {} : { total: matching.length, totalIs: "exact" as const }),
  };
}

type ContextRow = Awaited<ReturnType<Db["contextId"]["findMany"]>>[number];

async function toItems(db: Db, cache: ContextCache, rows: ContextRow[]) {
  const now = Date.now();
  const counts = await db.contextEntry.groupBy({
    by: ["contextId"],
    where: { contextId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  });
  const countOf = new Map(counts.map((c) => [c.contextId, c._count._all]));
  return rows.map((r) => ({
    contextId: formatPublicId(r),
    user: r.user,
    application: r.application,
    source: r.source,
    expireType: r.expireType,
    expireTime: r.expireTime?.toISOString() ?? null,
    entryCount: countOf.get(r.id) ?? 0,
    revision: r.revision,
    createTime: r.createTime.toISOString(),
    updateTime: r.updateTime.toISOString(),
    accessTime: r.accessTime.toISOString(),
    cached: cache.has(r.id),
    ...cacheFigures(cache.peek(r.id), now),
  }));
}

/** A cached context's memory and access count, the figures its sorts order by. */
function cacheFigures(value: ReturnType<ContextCache["peek"]>, now: number) {
  return value ? { bytes: value.bytes, accesses: value.metrics(now).accessCount } : {};
}
