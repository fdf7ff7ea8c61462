import type { ClearJob } from "../persistence/generated/sqlite/client.ts";
import type { ClearJobState, ClearTarget } from "./cleaner.ts";
import { timeCriteriaSchema } from "./time-criteria.ts";

/** What a job row keeps of its clear (its `criteria` JSON): the action and the target. */
export function savedTarget(row: Pick<ClearJob, "criteria">): { action: string; target: ClearTarget } {
  const saved = JSON.parse(row.criteria) as {
    action: string;
    kind: "time" | "ids";
    criteria?: Record<string, string>;
    rowIds?: number[];
    idList?: string[];
  };
  const target: ClearTarget =
    saved.kind === "time"
      ? { kind: "time", criteria: timeCriteriaSchema.parse(saved.criteria) }
      : { kind: "ids", rowIds: saved.rowIds!, idList: saved.idList };
  return { action: saved.action, target };
}

/** A job as its row last recorded it (a job running on another node, or one that ended). */
export function savedState(row: ClearJob): ClearJobState {
  return {
    id: row.id,
    actor: row.actor,
    action: (JSON.parse(row.criteria) as { action: string }).action,
    status: row.status as ClearJobState["status"],
    total: row.total,
    processed: row.processed,
    startTime: row.startTime.toISOString(),
    finishTime: row.finishTime?.toISOString() ?? null,
    rate: 0,
    error: row.error,
  };
}
