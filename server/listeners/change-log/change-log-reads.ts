import type { Db } from "../../persistence/database.ts";
import { earliestRevisions, readChangesAfter } from "./read-change-log.ts";

/** What a live subscription's catch-up reads: where contexts stand, and their logged changes. Built once by the wiring. */
export class ChangeLogReads {
  constructor(private readonly db: Db) {}

  /** The current revision of each of these contexts that exists. */
  async revisions(rowIds: number[]): Promise<Map<number, number>> {
    const rows = await this.db.contextId.findMany({
      where: { id: { in: rowIds } },
      select: { id: true, revision: true },
    });
    return new Map(rows.map((r) => [r.id, r.revision]));
  }

  /** Which of these row ids name a context. */
  async existing(rowIds: number[]): Promise<Set<number>> {
    return new Set((await this.revisions(rowIds)).keys());
  }

  /** The oldest revision still in the change log, per context. */
  earliest(rowIds: number[]) {
    return earliestRevisions(this.db, rowIds);
  }

  /** Up to `limit` logged changes of one context after revision `after`, in order. */
  changesAfter(rowId: number, publicId: string, after: number, limit: number) {
    return readChangesAfter(this.db, rowId, publicId, after, limit);
  }
}
