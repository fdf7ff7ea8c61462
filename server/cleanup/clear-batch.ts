import { formatPublicId } from "../core/public-id.ts";
import type { Db } from "../persistence/database.ts";
import { Prisma } from "../persistence/generated/sqlite/client.ts";

export interface ClearedContext {
  rowId: number;
  publicId: string;
  /** The revision the clear takes (the context's last one + 1). */
  revision: number;
}

/**
 * Children first and by contextId, through their indexes, rather than row-by-row cascades.
 * The SQLite clear worker receives this list, so both clear paths delete the same tables.
 */
export const CHILD_TABLES = [
  "context_keyword",
  "context_entry",
  "context_history",
  "context_id_listener",
  "context_key_listener",
  "context_listener_cursor",
  "context_change_log",
] as const;

/**
 * Removes a batch of contexts in one transaction: entries, keywords, history, listener
 * bindings, change log, then the context rows, and logs each one's clear. A crash leaves each
 * context fully present or fully gone. Ids that no longer exist are skipped. With a job id, the
 * job's `processed` count grows in the same transaction: a crash between the batch's commit and
 * a separate progress update would leave the resumed job counting short of what it cleared.
 *
 * Raw statements rather than deleteMany: the query engine spends time per id of an `in` list
 * on every model query (half the batch's time, on both databases, in bench/cleanup.bench.ts)
 * and refuses lists past SQLite's 999 bind values, which batches of 1000 reach.
 */
export async function clearBatch(db: Db, rowIds: number[], jobId?: number): Promise<ClearedContext[]> {
  if (rowIds.length === 0) return [];
  return db.$transaction(async (tx) => {
    const asked = Prisma.join(rowIds);
    const rows = await tx.$queryRaw<
      { id: number | bigint; revision: number | bigint; instance: string; backupInstance: string }[]
    >`
      SELECT "id", "revision", "instance", "backupInstance" FROM "context_id" WHERE "id" IN (${asked}) ORDER BY "id"`;
    if (rows.length === 0) return [];
    const ids = Prisma.join(rows.map((r) => r.id));
    for (const table of CHILD_TABLES)
      await tx.$executeRaw`DELETE FROM ${Prisma.raw(`"${table}"`)} WHERE "contextId" IN (${ids})`;
    await tx.$executeRaw`DELETE FROM "context_id" WHERE "id" IN (${ids})`;
    if (jobId !== undefined)
      await tx.$executeRaw`UPDATE "cs_clear_job" SET "processed" = "processed" + ${rows.length} WHERE "id" = ${jobId}`;
    // The clear's own change stays in the log: a cluster node that does not hear it on the
    // Redis stream (Redis down, or this node dies before sending it) finds it there and drops
    // the contexts from its cache.
    const now = new Date();
    const cleared = Prisma.join(
      rows.map((r) => Prisma.sql`(${r.id}, ${Number(r.revision) + 1}, 'context-cleared', ${now})`),
    );
    await tx.$executeRaw`INSERT INTO "context_change_log" ("contextId", "revision", "op", "createTime") VALUES ${cleared}`;
    return rows.map((r) => {
      const rowId = Number(r.id);
      return {
        rowId,
        publicId: formatPublicId({ id: rowId, instance: r.instance, backupInstance: r.backupInstance }),
        revision: Number(r.revision) + 1,
      };
    });
  });
}
