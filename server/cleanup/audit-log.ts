import type { Db } from "../persistence/database.ts";
import { logger } from "../core/logger.ts";
import { auditWhere, type AuditQuery } from "./audit-query.ts";

export interface AuditRecord {
  actor: string;
  action: string;
  criteria: unknown;
  count: number;
  durationMs: number;
  outcome: "ok" | "failed" | "refused" | "dry-run" | "running";
  detail?: string;
}

/** Every search and clear is written here: who, when, criteria, how many, how long, outcome. */
export async function writeAudit(db: Db, r: AuditRecord) {
  try {
    await db.auditLog.create({
      data: {
        actor: r.actor,
        action: r.action,
        criteria: JSON.stringify(r.criteria ?? {}),
        count: r.count,
        durationMs: Math.round(r.durationMs),
        outcome: r.outcome,
        detail: r.detail ?? null,
        createTime: new Date(),
      },
    });
  } catch (err) {
    // The operation itself already happened; losing its audit line must be loud, not fatal.
    logger().error({ component: "audit", action: r.action, actor: r.actor, err }, "could not record an audit line");
  }
}

/** A page of the lines matching the query, newest first. */
export async function listAudit(db: Db, q: AuditQuery) {
  const { limit } = q;
  const rows = await db.auditLog.findMany({
    where: auditWhere(q),
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      time: r.createTime.toISOString(),
      actor: r.actor,
      action: r.action,
      criteria: JSON.parse(r.criteria),
      count: r.count,
      durationMs: r.durationMs,
      outcome: r.outcome,
      detail: r.detail,
    })),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}

/** The distinct actions and actors in the log, for the filter's choices (at most `limit` each). */
export async function auditFacets(db: Db, limit: number) {
  // groupBy is SQL's GROUP BY; findMany's `distinct` would read every row into memory.
  const [actions, actors] = await Promise.all([
    db.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" }, take: limit }),
    db.auditLog.groupBy({ by: ["actor"], orderBy: { actor: "asc" }, take: limit }),
  ]);
  return { actions: actions.map((r) => r.action), actors: actors.map((r) => r.actor) };
}
