import type { Db } from "../persistence/database.ts";
import { logger } from "../core/logger.ts";

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

export async function listAudit(db: Db, beforeId: number | undefined, limit: number) {
  const rows = await db.auditLog.findMany({
    where: beforeId ? { id: { lt: beforeId } } : {},
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
