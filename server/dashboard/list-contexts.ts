import { z } from "zod";
import type { ContextCache } from "../cache/context-cache.ts";
import { formatPublicId } from "../contexts/public-id.ts";
import { dateInput } from "../contexts/wire/date-input.ts";
import type { Db } from "../persistence/database.ts";
import type { Prisma } from "../persistence/generated/sqlite/client.ts";
import { cursorParam, pageOf } from "./cursor.ts";
import { limitParam, textParam } from "./query-params.ts";

const sorts = ["createTime", "updateTime", "accessTime"] as const;
const orders = ["asc", "desc"] as const;

export const listContextsQuery = z.object({
  // The cursor names its sort, so a cursor from another sort is refused rather than misread.
  cursor: cursorParam(z.tuple([z.enum(sorts), z.enum(orders), z.number().int(), z.number().int().positive()])).optional(),
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
}).superRefine((q, ctx) => {
  if (q.cursor && (q.cursor[0] !== q.sort || q.cursor[1] !== q.order)) {
    ctx.addIssue({ code: "custom", path: ["cursor"], message: `was made for sort=${q.cursor[0]}&order=${q.cursor[1]}, not sort=${q.sort}&order=${q.order}` });
  }
});

export type ListContextsQuery = z.infer<typeof listContextsQuery>;

const range = (from?: Date, to?: Date) => (from || to ? { ...(from && { gte: from }), ...(to && { lte: to }) } : undefined);

/**
 * One page of contexts, newest first by default. Keyset paging on (sort column, id): every
 * filter and the sort use the indexed columns of context_id, so a page costs the same at row
 * 10 as at row 1,000,000. Entry counts come from one grouped count for the page's ids.
 */
export async function listContexts(db: Db, cache: ContextCache, q: ListContextsQuery) {
  const where: Prisma.ContextIdWhereInput = {
    user: q.user,
    application: q.application,
    createTime: range(q.createdFrom, q.createdTo),
    updateTime: range(q.updatedFrom, q.updatedTo),
    accessTime: range(q.accessedFrom, q.accessedTo),
  };
  if (q.cursor) {
    const [sort, order, time, id] = q.cursor;
    const before = order === "desc";
    const at = new Date(time);
    // (col <= v) narrows through the column's index; the OR breaks ties by id.
    where.AND = [{ [sort]: before ? { lte: at } : { gte: at } }, { OR: [{ [sort]: before ? { lt: at } : { gt: at } }, { id: before ? { lt: id } : { gt: id } }] }];
  }
  const fetched = await db.contextId.findMany({ where, orderBy: [{ [q.sort]: q.order }, { id: q.order }], take: q.limit + 1 });
  const { rows, nextCursor } = pageOf(fetched, q.limit, (r) => [q.sort, q.order, r[q.sort].getTime(), r.id]);
  const counts = await db.contextEntry.groupBy({ by: ["contextId"], where: { contextId: { in: rows.map((r) => r.id) } }, _count: { _all: true } });
  const countOf = new Map(counts.map((c) => [c.contextId, c._count._all]));
  const items = rows.map((r) => ({
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
  }));
  return { items, nextCursor };
}
