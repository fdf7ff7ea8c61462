import type { Db } from "../../persistence/database.ts";
import { namedLogRowToEvent, type NamedLogRow } from "./read-change-log.ts";

interface TailRow extends NamedLogRow {
  id: number | bigint;
  txid: string;
}

/**
 * The change log read by transaction id, for cluster catch-up (PostgreSQL only: the `txid`
 * column). Row ids are handed out before commit, so a reader tailing by id would pass over a
 * slow transaction's rows; transaction ids below the oldest running one (the horizon) belong to
 * transactions that have finished, so a window of them never grows afterwards.
 */
export class CommittedChanges {
  constructor(
    private readonly db: Db,
    /** Names a removed context's events (its row, with its own instances, is gone). */
    private readonly names: { instance: string; backupInstance: string },
  ) {}

  /** The oldest running transaction's id on the server: every row with a lower txid is final. */
  async horizon(): Promise<bigint> {
    const [row] = await this.db.$queryRaw<{ x: string }[]>`
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS "x"`;
    return BigInt(row!.x);
  }

  /** Up to `limit` rows with `from <= txid < to`, after `after`, in (txid, id) order, as events. */
  async page(from: bigint, to: bigint, after: { txid: string; id: number } | undefined, limit: number) {
    const afterTxid = after?.txid ?? "-1";
    const afterId = after?.id ?? 0;
    const rows = await this.db.$queryRaw<TailRow[]>`
      SELECT l."id", l."txid"::text AS "txid", l."contextId", l."revision", l."op", l."contextType", l."key",
             l."valueJson", l."keywords", l."createTime", c."instance", c."backupInstance"
      FROM "context_change_log" l LEFT JOIN "context_id" c ON c."id" = l."contextId"
      WHERE l."txid" >= ${from.toString()}::bigint AND l."txid" < ${to.toString()}::bigint
        AND (l."txid", l."id") > (${afterTxid}::bigint, ${afterId})
      ORDER BY l."txid", l."id" LIMIT ${limit}`;
    const last = rows.at(-1);
    return {
      events: rows.map((r) => namedLogRowToEvent(r, this.names)),
      last: last && { txid: last.txid, id: Number(last.id) },
    };
  }

  /**
   * The revision a node that has taken in every transaction below `horizon` starts a context
   * after, when it first hears of its revision `before`: the last one written below the horizon
   * (everything up to it was committed before), or, when the log keeps none of those, the one
   * before the oldest kept.
   */
  async startRevision(rowId: number, before: number, horizon: bigint): Promise<number> {
    const [row] = await this.db.$queryRaw<{ done: number | null; first: number | null }[]>`
      SELECT MAX("revision") FILTER (WHERE "txid" IS NULL OR "txid" < ${horizon.toString()}::bigint) AS "done",
             MIN("revision") AS "first"
      FROM "context_change_log" WHERE "contextId" = ${rowId} AND "revision" < ${before}`;
    if (row?.done != null) return Number(row.done);
    return row?.first != null ? Number(row.first) - 1 : before - 1;
  }
}
