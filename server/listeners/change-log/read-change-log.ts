import type { ChangeEvent, ChangeOp, ContextType } from "../../core/context-types.ts";
import { formatPublicId } from "../../core/public-id.ts";
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

/** The oldest revision still kept for each of some contexts (absent: none is). At most 999 ids. */
export async function earliestRevisions(db: Db, rowIds: number[]): Promise<Map<number, number>> {
  if (rowIds.length === 0) return new Map();
  const rows = await db.changeLog.groupBy({
    by: ["contextId"],
    where: { contextId: { in: rowIds } },
    _min: { revision: true },
  });
  return new Map(rows.map((r) => [r.contextId, r._min.revision!]));
}

/** One change-log row as the event it recorded. */
export function logRowToEvent(
  row: Pick<ChangeLog, "revision" | "op" | "contextType" | "key" | "valueJson" | "keywords" | "createTime">,
  publicId: string,
): ChangeEvent {
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

/** A change-log row read with its context's instances (null when the context is gone). */
export interface NamedLogRow extends Pick<
  ChangeLog,
  "op" | "contextType" | "key" | "valueJson" | "keywords" | "createTime"
> {
  contextId: number | bigint;
  revision: number | bigint;
  instance: string | null;
  backupInstance: string | null;
}

/** Such a row as its event; a removed context's id is named with `fallback`'s instances. */
export function namedLogRowToEvent(
  r: NamedLogRow,
  fallback: { instance: string; backupInstance: string },
): ChangeEvent {
  const publicId = formatPublicId({
    id: Number(r.contextId),
    instance: r.instance ?? fallback.instance,
    backupInstance: r.backupInstance ?? fallback.backupInstance,
  });
  return logRowToEvent({ ...r, revision: Number(r.revision) }, publicId);
}
