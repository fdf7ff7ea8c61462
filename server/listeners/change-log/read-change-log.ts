import type { ChangeEvent, ChangeOp, ContextType } from "../../core/context-types.ts";
import type { Db } from "../../persistence/database.ts";
import type { ChangeLog } from "../../persistence/generated/sqlite/client.ts";

/** Logged changes of one context after a revision, oldest first. */
export async function readChangesAfter(
  db: Db,
  rowId: number,
  publicId: string,
  afterRevision: number,
  limit: number,
): Promise<ChangeEvent[]> {
  const rows = await db.changeLog.findMany({
    where: { contextId: rowId, revision: { gt: afterRevision } },
    orderBy: { revision: "asc" },
    take: limit,
  });
  return rows.map((row) => logRowToEvent(row, publicId));
}

/** The oldest revision still kept for a context, or null when none is. */
export async function earliestRevision(db: Db, rowId: number): Promise<number | null> {
  const row = await db.changeLog.findFirst({
    where: { contextId: rowId },
    orderBy: { revision: "asc" },
    select: { revision: true },
  });
  return row?.revision ?? null;
}

function logRowToEvent(row: ChangeLog, publicId: string): ChangeEvent {
  const logged = row.valueJson === null ? null : JSON.parse(row.valueJson);
  const isWrite = row.op === "created" || row.op === "updated";
  return {
    contextId: publicId,
    revision: row.revision,
    op: row.op as ChangeOp,
    contextType: row.contextType as ContextType | null,
    key: row.key,
    value: isWrite ? logged : null,
    time: row.createTime,
    entry: row.keywords === null ? undefined : { keywords: JSON.parse(row.keywords), value: logged },
  };
}
