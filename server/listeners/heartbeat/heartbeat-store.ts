import type { ChangeEvent } from "../../core/context-types.ts";
import type { Db } from "../../persistence/database.ts";
import { namedLogRowToEvent, type NamedLogRow } from "../change-log/read-change-log.ts";

/** What a bind writes: the client, and one ID or key binding. */
export interface BindRow {
  source: string;
  owner: string;
  linkisDialect: boolean;
  contextId: number;
  key?: { contextType: string; key: string };
}

/** What a heartbeat took, in cluster mode: the client's changes since its cursors, or why none. */
export type Taken =
  | { kind: "unknown" }
  | { kind: "expired" }
  | { kind: "taken"; owner: string; linkisDialect: boolean; changes: ChangeEvent[]; resync: boolean };

// Prisma's defaults (2 s to get a connection, 5 s to finish) fail heartbeats on a loaded
// machine; these transactions are short, but may wait their turn.
const TX = { maxWait: 10_000, timeout: 30_000 };

/** Heartbeat clients' rows: clients, their ID and key bindings, and (cluster mode) their cursors. */
export class HeartbeatStore {
  constructor(
    private readonly db: Db,
    /** Names a removed context's changes (its row, with its own instances, is gone). */
    private readonly names: { instance: string; backupInstance: string },
  ) {}

  /** Every client still bound, with its bindings (one node loads them at start). */
  loadClients() {
    return this.db.listenerClient.findMany({
      where: { expiredAt: null },
      include: { idBindings: true, keyBindings: true },
    });
  }

  /**
   * Writes the client (claimed by `owner`, no longer expired) and the binding. With `cursor`, a
   * context bound for the first time is handed over from its revision now on.
   */
  async bind(b: BindRow, cursor: boolean) {
    const { source, owner, linkisDialect, contextId } = b;
    await this.db.$transaction(async (tx) => {
      await tx.listenerClient.upsert({
        where: { source },
        create: { source, owner, linkisDialect },
        update: { owner, linkisDialect, expiredAt: null },
      });
      if (b.key) {
        const { contextType, key } = b.key;
        await tx.keyListenerBinding.upsert({
          where: { source_contextId_contextType_key: { source, contextId, contextType, key } },
          create: { source, contextId, contextType, key },
          update: {},
        });
      } else
        await tx.idListenerBinding.upsert({
          where: { source_contextId: { source, contextId } },
          create: { source, contextId },
          update: {},
        });
      if (cursor)
        await tx.$executeRaw`
          INSERT INTO "context_listener_cursor" ("source", "contextId", "revision")
          SELECT ${source}, "id", "revision" FROM "context_id" WHERE "id" = ${contextId}
          ON CONFLICT ("source", "contextId") DO NOTHING`;
    }, TX);
  }

  /** One node's sweep: the clients' rows go, and their bindings with them (cascade). */
  async deleteClients(sources: string[]) {
    await this.db.listenerClient.deleteMany({ where: { source: { in: sources } } });
  }

  /**
   * Cluster mode: hands over the client's changes after its cursors, once, whichever node asks
   * (the client's row is locked meanwhile). `mayTake` throws when the caller may not; nothing is
   * then taken. Past `limit` changes, or when the log no longer holds some, none are handed over
   * and the cursors jump to now: `resync`.
   */
  take(source: string, now: Date, limit: number, mayTake: (owner: string) => void): Promise<Taken> {
    return this.db.$transaction(async (tx) => {
      const [client] = await tx.$queryRaw<{ owner: string; linkisDialect: boolean; expiredAt: Date | null }[]>`
        SELECT "owner", "linkisDialect", "expiredAt" FROM "listener_client" WHERE "source" = ${source} FOR UPDATE`;
      if (!client) return { kind: "unknown" } as const;
      if (client.expiredAt) return { kind: "expired" } as const;
      mayTake(client.owner);
      await tx.listenerClient.update({ where: { source }, data: { lastHeartbeat: now } });
      // Where each of the client's contexts stands in the log, in this statement's snapshot: the
      // cursors move there, past the changes the client does not watch as well as those it does.
      const heads = await tx.$queryRaw<{ contextId: number; head: number }[]>`
        SELECT k."contextId", max(l."revision") AS "head"
        FROM "context_listener_cursor" k
        JOIN "context_change_log" l ON l."contextId" = k."contextId" AND l."revision" > k."revision"
        WHERE k."source" = ${source} GROUP BY k."contextId"`;
      // What it watches, up to those heads: context events, a whole bound context, a bound key.
      // Filtered here, so changes to keys nobody asked for neither count towards `limit` nor travel.
      const rows =
        heads.length === 0
          ? []
          : await tx.$queryRaw<NamedLogRow[]>`
        SELECT l."contextId", l."revision", l."op", l."contextType", l."key", l."valueJson", l."keywords",
               l."createTime", c."instance", c."backupInstance"
        FROM unnest(${heads.map((h) => Number(h.contextId))}::int[], ${heads.map((h) => Number(h.head))}::int[])
          AS h("contextId", "head")
        JOIN "context_listener_cursor" k ON k."source" = ${source} AND k."contextId" = h."contextId"
        JOIN "context_change_log" l
          ON l."contextId" = k."contextId" AND l."revision" > k."revision" AND l."revision" <= h."head"
        LEFT JOIN "context_id" c ON c."id" = k."contextId"
        WHERE l."key" IS NULL
          OR EXISTS (SELECT 1 FROM "context_id_listener" b WHERE b."source" = k."source" AND b."contextId" = k."contextId")
          OR EXISTS (SELECT 1 FROM "context_key_listener" b WHERE b."source" = k."source"
                     AND b."contextId" = k."contextId" AND b."contextType" = l."contextType" AND b."key" = l."key")
        ORDER BY l."contextId", l."revision" LIMIT ${limit + 1}`;
      const base = { kind: "taken", owner: client.owner, linkisDialect: client.linkisDialect } as const;
      // The log's retention went past a cursor: what was dropped cannot be handed over.
      const [trimmed] = await tx.$queryRaw<{ n: number | bigint }[]>`
        SELECT count(*) AS "n" FROM "context_listener_cursor" k JOIN "context_id" c ON c."id" = k."contextId"
        WHERE k."source" = ${source} AND c."revision" > k."revision" AND NOT EXISTS (
          SELECT 1 FROM "context_change_log" l WHERE l."contextId" = k."contextId" AND l."revision" = k."revision" + 1)`;
      if (rows.length > limit || Number(trimmed?.n ?? 0) > 0) {
        await tx.$executeRaw`
          UPDATE "context_listener_cursor" SET "revision" = COALESCE(
            (SELECT c."revision" FROM "context_id" c WHERE c."id" = "context_listener_cursor"."contextId"), "revision")
          WHERE "source" = ${source}`;
        return { ...base, changes: [], resync: true };
      }
      for (const { contextId, head } of heads)
        await tx.listenerCursor.update({
          where: { source_contextId: { source, contextId: Number(contextId) } },
          data: { revision: Number(head) },
        });
      // A removed context's cursor goes once its removal is handed over.
      const removed = rows.filter((r) => r.op === "context-removed").map((r) => Number(r.contextId));
      if (removed.length > 0) await tx.listenerCursor.deleteMany({ where: { source, contextId: { in: removed } } });
      return { ...base, changes: rows.map((r) => namedLogRowToEvent(r, this.names)), resync: false };
    }, TX);
  }

  /**
   * Cluster mode: the timeout sweep (one node at a time). Clients silent since `cutoff` lose
   * their bindings and cursors and are marked expired (their next heartbeat answers 404);
   * tombstones older than `forgetBefore` go.
   */
  async expire(cutoff: Date, now: Date, forgetBefore: Date): Promise<number> {
    return this.db.$transaction(async (tx) => {
      const silent = await tx.listenerClient.findMany({
        where: { expiredAt: null, lastHeartbeat: { lt: cutoff } },
        select: { source: true },
      });
      const sources = silent.map((c) => c.source);
      if (sources.length > 0) {
        await tx.idListenerBinding.deleteMany({ where: { source: { in: sources } } });
        await tx.keyListenerBinding.deleteMany({ where: { source: { in: sources } } });
        await tx.listenerCursor.deleteMany({ where: { source: { in: sources } } });
        await tx.listenerClient.updateMany({ where: { source: { in: sources } }, data: { expiredAt: now } });
      }
      await tx.listenerClient.deleteMany({ where: { expiredAt: { lt: forgetBefore } } });
      return sources.length;
    }, TX);
  }

  /** Cluster mode: how many clients are still bound. */
  countClients() {
    return this.db.listenerClient.count({ where: { expiredAt: null } });
  }

  /** Cluster mode: every client still bound, with its counts, for the listeners page. */
  describeClients() {
    return this.db.listenerClient.findMany({
      where: { expiredAt: null },
      orderBy: { source: "asc" },
      include: { _count: { select: { idBindings: true, keyBindings: true } } },
    });
  }

  /** Cluster mode: who owns `source` (undefined: nobody yet, or it expired). */
  async ownerOf(source: string): Promise<string | undefined> {
    const row = await this.db.listenerClient.findUnique({
      where: { source },
      select: { owner: true, expiredAt: true },
    });
    return row && !row.expiredAt ? row.owner : undefined;
  }
}
