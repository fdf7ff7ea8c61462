import { z } from "zod";
import { dateInput } from "../core/date-input.ts";
import { cursorRowId } from "../core/paging/cursor.ts";
import { textParam } from "../core/paging/query-params.ts";
import type { AuditRecord } from "./audit-log.ts";

const outcomes = ["ok", "failed", "refused", "dry-run", "running"] as const satisfies readonly AuditRecord["outcome"][];

/**
 * GET /api/v1/audit's query: a page (newest first, before the row id `cursor`) of the lines
 * matching every filter given. `action`, `actor` and `outcome` match exactly; `from` and `to`
 * bound the line's time, both inclusive.
 */
export const auditQuery = z
  .object({
    cursor: z.coerce.number().pipe(cursorRowId).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    action: textParam.optional(),
    actor: textParam.optional(),
    outcome: z.enum(outcomes).optional(),
    from: dateInput.optional(),
    to: dateInput.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["from"], message: "is after to" });

export type AuditQuery = z.infer<typeof auditQuery>;

/** The Prisma filter for the query's filters (the cursor included). */
export const auditWhere = (q: AuditQuery) => ({
  ...(q.cursor && { id: { lt: q.cursor } }),
  ...(q.action && { action: q.action }),
  ...(q.actor && { actor: q.actor }),
  ...(q.outcome && { outcome: q.outcome }),
  ...((q.from || q.to) && { createTime: { ...(q.from && { gte: q.from }), ...(q.to && { lte: q.to }) } }),
});
