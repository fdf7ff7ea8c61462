import pg from "pg";
import { notFound } from "../../core/errors.ts";
import type { CommitStats, ContextFields, ContextStore, Mutation } from "../context-store.ts";
import type { ChangeEvent, ContextMeta, Entry } from "../../core/context-types.ts";
import { event, keywordsChanged, planCommit, type CommitWrite, type LogRow } from "./commit-plan.ts";
import { GroupCommit, type Outcome } from "./group-commit.ts";
import {
  ENTRY_COLUMNS,
  definedFieldNames,
  entryValueJson,
  rowToEntry,
  rowToMeta,
  type ContextRow,
  type EntryRow,
} from "./sql-rows.ts";

/** Prisma keeps DateTime as UTC in `timestamp(3)` columns: read them back as UTC. */
const TIMESTAMP_OID = 1114;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID
      ? (v: string) => new Date(`${v.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A named statement: parsed and planned once per connection, then only bound and executed. */
const q = (name: string, text: string) => (values: unknown[]) => ({ name: `cs_${name}`, text, values, types });

const S = {
  createContext: q(
    "create_context",
    `INSERT INTO "context_id" ("user", "application", "source", "expireType", "expireTime", "instance", "backupInstance", "revision", "createTime", "updateTime", "accessTime")
     VALUES ($1, $2, $3, $4, $5::timestamp, $6, $7, 1, $8::timestamp, $8::timestamp, $8::timestamp) RETURNING *`,
  ),
  loadContext: q("load_context", `SELECT * FROM "context_id" WHERE "id" = $1`),
  loadEntries: q("load_entries", `SELECT ${ENTRY_COLUMNS} FROM "context_entry" WHERE "contextId" = $1`),
  lockRevision: q("lock_revision", `SELECT "revision" FROM "context_id" WHERE "id" = $1 FOR UPDATE`),
  bumpRevision: q(
    "bump_revision",
    `UPDATE "context_id" SET "revision" = "revision" + $1, "updateTime" = $2::timestamp WHERE "id" = $3 RETURNING "revision"`,
  ),
  // The batched forms take one array per column (unnest): one round trip for the whole group.
  bumpRevisions: q(
    "bump_revisions",
    `UPDATE "context_id" c SET "revision" = c."revision" + d.n, "updateTime" = d.t
     FROM unnest($1::int[], $2::int[], $3::timestamp[]) AS d(id, n, t) WHERE c."id" = d.id
     RETURNING c."id", c."revision"`,
  ),
  upsertEntries: q(
    "upsert_entries",
    `INSERT INTO "context_entry" ("contextId", ${ENTRY_COLUMNS}, "accessTime")
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                          $9::text[], $10::int[], $11::timestamp[], $12::timestamp[], $13::timestamp[])
     ON CONFLICT ("contextId", "contextType", "key") DO UPDATE SET "contextScope" = excluded."contextScope",
       "valueJson" = excluded."valueJson", "valueType" = excluded."valueType", "keyKeywords" = excluded."keyKeywords",
       "valueKeywords" = excluded."valueKeywords", "keywords" = excluded."keywords", "revision" = excluded."revision",
       "updateTime" = excluded."updateTime"
     RETURNING "id", "contextId", "contextType", "key"`,
  ),
  deleteKeywordsOfEntries: q("delete_entry_keywords", `DELETE FROM "context_keyword" WHERE "entryId" = ANY($1::int[])`),
  insertKeywords: q(
    "insert_keywords",
    `INSERT INTO "context_keyword" ("entryId", "contextId", "keyword", "contextType")
     SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[])`,
  ),
  deleteEntries: q(
    "delete_entries",
    `DELETE FROM "context_entry" e USING unnest($1::int[], $2::text[], $3::text[]) AS d(c, t, k)
     WHERE e."contextId" = d.c AND e."contextType" = d.t AND e."key" = d.k`,
  ),
  clearKeywords: q("clear_keywords", `DELETE FROM "context_keyword" WHERE "contextId" = ANY($1::int[])`),
  clearEntries: q("clear_entries", `DELETE FROM "context_entry" WHERE "contextId" = ANY($1::int[])`),
  deleteContext: q("delete_context", `DELETE FROM "context_id" WHERE "id" = $1`),
  insertLog: q(
    "insert_log",
    `INSERT INTO "context_change_log" ("contextId", "revision", "op", "contextType", "key", "valueJson", "keywords", "createTime")
     SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamp[])`,
  ),
  listIds: q("list_ids", `SELECT "id" FROM "context_id" WHERE "id" > $1 ORDER BY "id" LIMIT $2`),
  touchAccessTimes: q(
    "touch_access_times",
    `UPDATE "context_id" SET "accessTime" = $1::timestamp WHERE "id" = ANY($2::int[])`,
  ),
};

const iso = (d: Date) => d.toISOString();

/**
 * The context store on pg: named prepared statements on a pool of its own. A group of
 * commits is one transaction of about six statements whatever its size (one array per
 * column). When a statement of the group fails, the group rolls back and each write is
 * retried in a transaction of its own, so only the bad one fails.
 */
export class PostgresContextStore implements ContextStore {
  readonly #group: GroupCommit<CommitWrite, ChangeEvent[]>;

  constructor(private readonly pool: pg.Pool) {
    this.#group = new GroupCommit({
      run: (writes) => this.#runGroup(writes),
      keyOf: (w) => w.contextId,
      // Groups overlap on separate connections; each still holds distinct contexts (the keyed lock above).
      maxInFlight: 3,
    });
  }

  get commitStats(): CommitStats {
    return this.#group.stats;
  }

  drain() {
    return this.#group.drain();
  }

  async create(fields: ContextFields, instance: string, backupInstance: string, now: Date): Promise<ContextMeta> {
    return this.#transaction(async (c) => {
      const t = iso(now);
      const { rows } = await c.query<ContextRow>(
        S.createContext([
          fields.user ?? null,
          fields.application ?? null,
          fields.source ?? null,
          fields.expireType ?? "NEVER",
          fields.expireTime ? iso(fields.expireTime) : null,
          instance,
          backupInstance,
          t,
        ]),
      );
      const row = rows[0]!;
      await c.query(S.insertLog([[row.id], [1], ["context-created"], [null], [null], [null], [null], [t]]));
      return rowToMeta(row);
    });
  }

  async load(id: number): Promise<{ meta: ContextMeta; entries: Entry[] } | null> {
    const c = await this.pool.connect();
    try {
      const { rows } = await c.query<ContextRow>(S.loadContext([id]));
      if (rows.length === 0) return null;
      const entries = await c.query<EntryRow>(S.loadEntries([id]));
      return { meta: rowToMeta(rows[0]!), entries: entries.rows.map(rowToEntry) };
    } finally {
      c.release();
    }
  }

  async updateFields(id: number, fields: ContextFields, now: Date): Promise<ContextMeta> {
    const names = definedFieldNames(fields);
    const sets = names.map((n, i) => `"${n}" = $${i + 1}${n === "expireTime" ? "::timestamp" : ""}`);
    sets.push(`"updateTime" = $${names.length + 1}::timestamp`);
    const values = names.map((n) => {
      const v = fields[n];
      return v instanceof Date ? iso(v) : (v ?? null);
    });
    const { rows } = await this.pool.query<ContextRow>({
      // One statement per combination of fields (at most 32), each prepared once per connection.
      name: `cs_update_fields_${names.join("_")}`,
      text: `UPDATE "context_id" SET ${sets.join(", ")} WHERE "id" = $${names.length + 2} RETURNING *`,
      values: [...values, iso(now), id],
      types,
    });
    if (rows.length === 0) throw notFound(`Context ${id} does not exist.`);
    return rowToMeta(rows[0]!);
  }

  commit(meta: ContextMeta, publicId: string, mutations: Mutation[], now: Date): Promise<ChangeEvent[]> {
    if (mutations.length === 0) return Promise.resolve([]);
    return this.#group.submit({ contextId: meta.id, publicId, mutations, now });
  }

  async remove(meta: ContextMeta, publicId: string, now: Date): Promise<ChangeEvent> {
    return this.#transaction(async (c) => {
      const { rows } = await c.query<{ revision: number }>(S.lockRevision([meta.id]));
      if (rows.length === 0) throw notFound(`Context ${publicId} does not exist.`);
      const revision = rows[0]!.revision + 1;
      await c.query(S.clearKeywords([[meta.id]]));
      await c.query(S.deleteContext([meta.id]));
      await c.query(
        S.insertLog([[meta.id], [revision], ["context-removed"], [null], [null], [null], [null], [iso(now)]]),
      );
      return event(publicId, revision, "context-removed", null, null, null, now);
    });
  }

  async listIds(afterId: number, limit: number): Promise<number[]> {
    const { rows } = await this.pool.query<{ id: number }>(S.listIds([afterId, limit]));
    return rows.map((r) => r.id);
  }

  async touchAccessTimes(ids: number[], time: Date): Promise<void> {
    for (let i = 0; i < ids.length; i += 500)
      await this.pool.query(S.touchAccessTimes([iso(time), ids.slice(i, i + 500)]));
  }

  async #transaction<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query("BEGIN");
      const result = await work(c);
      await c.query("COMMIT");
      return result;
    } catch (err) {
      await c.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  async #runGroup(writes: CommitWrite[]): Promise<Outcome<ChangeEvent[]>[]> {
    try {
      return await this.#transaction((c) => commitBatch(c, writes));
    } catch (err) {
      if (writes.length === 1) return [{ ok: false, error: err }];
      // Something in the group was refused: retry each write alone, so only the bad one fails.
      const outcomes: Outcome<ChangeEvent[]>[] = [];
      for (const w of writes) {
        try {
          outcomes.push((await this.#transaction((c) => commitBatch(c, [w])))[0]!);
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    }
  }
}

/**
 * The whole group in six statements at most. Writes whose context is gone fail alone (their
 * revision bump finds no row); the others go on. Within one write, mutations touch distinct
 * keys or clear everything (the service makes no other kind), so set-wise order is safe.
 */
async function commitBatch(c: pg.PoolClient, writes: CommitWrite[]): Promise<Outcome<ChangeEvent[]>[]> {
  const bumped = await c.query<{ id: number; revision: number }>(
    S.bumpRevisions([
      writes.map((w) => w.contextId),
      writes.map((w) => w.mutations.length),
      writes.map((w) => iso(w.now)),
    ]),
  );
  const last = new Map(bumped.rows.map((r) => [r.id, r.revision]));
  const outcomes: Outcome<ChangeEvent[]>[] = [];
  const cleared: number[] = [];
  const removed: [number[], string[], string[]] = [[], [], []];
  const upserts: { w: CommitWrite; m: Extract<Mutation, { entry: unknown }> }[] = [];
  const log: [
    number[],
    number[],
    string[],
    (string | null)[],
    (string | null)[],
    (string | null)[],
    (string | null)[],
    string[],
  ] = [[], [], [], [], [], [], [], []];
  for (const w of writes) {
    const revision = last.get(w.contextId);
    if (revision === undefined) {
      outcomes.push({ ok: false, error: notFound(`Context ${w.publicId} does not exist.`) });
      continue;
    }
    const plan = planCommit(w, revision);
    outcomes.push({ ok: true, value: plan.events });
    for (const m of w.mutations) {
      if (m.op === "context-cleared") cleared.push(w.contextId);
      else if (m.op === "removed") {
        removed[0].push(w.contextId);
        removed[1].push(m.contextType);
        removed[2].push(m.key);
      } else upserts.push({ w, m });
    }
    pushLog(log, w, plan.log);
  }
  if (cleared.length > 0) {
    await c.query(S.clearKeywords([cleared]));
    await c.query(S.clearEntries([cleared]));
  }
  if (removed[0].length > 0) await c.query(S.deleteEntries(removed));
  if (upserts.length > 0) await upsertEntries(c, upserts);
  if (log[0].length > 0) await c.query(S.insertLog(log));
  return outcomes;
}

async function upsertEntries(
  c: pg.PoolClient,
  upserts: { w: CommitWrite; m: Extract<Mutation, { entry: unknown }> }[],
) {
  const cols: unknown[][] = Array.from({ length: 13 }, () => []);
  for (const { w, m } of upserts) {
    const e = m.entry;
    const row = [
      w.contextId,
      e.key,
      e.contextType,
      e.contextScope,
      entryValueJson(e),
      e.valueType ?? null,
      JSON.stringify(e.keyKeywords),
      JSON.stringify(e.valueKeywords),
      JSON.stringify(e.keywords),
      e.revision,
      iso(e.createTime),
      iso(e.updateTime),
      iso(w.now),
    ];
    for (let i = 0; i < row.length; i++) cols[i]!.push(row[i]);
  }
  const { rows } = await c.query<{ id: number; contextId: number; contextType: string; key: string }>(
    S.upsertEntries(cols),
  );
  const ids = new Map(rows.map((r) => [`${r.contextId}\u0000${r.contextType}\u0000${r.key}`, r.id]));
  const stale: number[] = [];
  const kw: [number[], number[], string[], string[]] = [[], [], [], []];
  for (const { w, m } of upserts) {
    if (!keywordsChanged(m)) continue;
    const id = ids.get(`${w.contextId}\u0000${m.entry.contextType}\u0000${m.entry.key}`)!;
    if (m.op === "updated") stale.push(id);
    for (const k of m.entry.keywords) {
      kw[0].push(id);
      kw[1].push(w.contextId);
      kw[2].push(k);
      kw[3].push(m.entry.contextType);
    }
  }
  if (stale.length > 0) await c.query(S.deleteKeywordsOfEntries([stale]));
  if (kw[0].length > 0) await c.query(S.insertKeywords(kw));
}

function pushLog(log: unknown[][], w: CommitWrite, rows: LogRow[]) {
  const t = iso(w.now);
  for (const l of rows) {
    log[0]!.push(w.contextId);
    log[1]!.push(l.revision);
    log[2]!.push(l.op);
    log[3]!.push(l.contextType);
    log[4]!.push(l.key);
    log[5]!.push(l.valueJson);
    log[6]!.push(l.keywords);
    log[7]!.push(t);
  }
}
