import { formatPublicId } from "../contexts/public-id.ts";
import type { Db } from "../persistence/database.ts";

export interface ClearedContext {
  rowId: number;
  publicId: string;
  /** The revision the clear takes (the context's last one + 1). */
  revision: number;
}

/**
 * Removes a batch of contexts in one transaction: entries, keywords, history, listener
 * bindings, change log, then the context rows. A crash leaves each context fully present or
 * fully gone. Ids that no longer exist are skipped.
 */
export async function clearBatch(db: Db, rowIds: number[]): Promise<ClearedContext[]> {
  if (rowIds.length === 0) return [];
  return db.$transaction(async (tx) => {
    const rows = await tx.contextId.findMany({ where: { id: { in: rowIds } }, select: { id: true, revision: true, instance: true, backupInstance: true } });
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return [];
    const inBatch = { contextId: { in: ids } };
    // Children first and by contextId, through their indexes, rather than row-by-row cascades.
    await tx.contextKeyword.deleteMany({ where: inBatch });
    await tx.contextEntry.deleteMany({ where: inBatch });
    await tx.contextHistory.deleteMany({ where: inBatch });
    await tx.idListenerBinding.deleteMany({ where: inBatch });
    await tx.keyListenerBinding.deleteMany({ where: inBatch });
    await tx.changeLog.deleteMany({ where: inBatch });
    await tx.contextId.deleteMany({ where: { id: { in: ids } } });
    return rows.map((r) => ({ rowId: r.id, publicId: formatPublicId(r), revision: r.revision + 1 }));
  });
}
