import type { Database } from "../persistence/database.ts";
import { PostgresContextStore } from "./store/postgres-store.ts";
import { SqliteContextStore } from "./store/sqlite-store.ts";
import type { ChangeEvent, ContextMeta, ContextType, Entry, ExpireType } from "../core/context-types.ts";

/** One change to a context's entries, committed with the others of the same call. */
export type Mutation =
  | { op: "created" | "updated"; entry: Entry; previousKeywords?: string[] }
  | { op: "removed"; contextType: ContextType; key: string; keywords?: string[]; value?: unknown }
  | { op: "context-cleared" };

export interface ContextFields {
  user?: string | null;
  application?: string | null;
  source?: string | null;
  expireType?: ExpireType | null;
  expireTime?: Date | null;
}

/** How many writes went through group commit, in how many transactions (for metrics and tests). */
export interface CommitStats {
  groups: number;
  writes: number;
  failed: number;
  largestGroup: number;
}

/**
 * Persistence of contexts and entries through the drivers themselves (prepared statements,
 * no ORM in the loop). Every change is atomic: the entry rows, their keyword rows, the
 * context's revision (one per mutation, no gaps) and the change log. Commits are grouped:
 * writes that arrive while a transaction commits share the next one, and each is answered
 * only after the transaction that holds it committed. A write that fails inside a group
 * fails alone.
 */
export interface ContextStore {
  create(fields: ContextFields, instance: string, backupInstance: string, now: Date): Promise<ContextMeta>;
  load(id: number): Promise<{ meta: ContextMeta; entries: Entry[] } | null>;
  updateFields(id: number, fields: ContextFields, now: Date): Promise<ContextMeta>;
  /** Commits the mutations in order; returns the events they make, with their revisions. */
  commit(meta: ContextMeta, publicId: string, mutations: Mutation[], now: Date): Promise<ChangeEvent[]>;
  /** Removes the context and everything under it; logs `context-removed` (the log has no foreign key, so it stays). */
  remove(meta: ContextMeta, publicId: string, now: Date): Promise<ChangeEvent>;
  /** Context row ids after `afterId`, ascending: for walking every context in pages. */
  listIds(afterId: number, limit: number): Promise<number[]>;
  /** Writes access times back, one statement per batch. */
  touchAccessTimes(ids: number[], time: Date): Promise<void>;
  readonly commitStats: CommitStats;
  /** Waits for queued commits to finish (at shutdown). */
  drain(): Promise<void>;
}

export function createContextStore(database: Database): ContextStore {
  return database.driver.kind === "sqlite"
    ? new SqliteContextStore(database.driver)
    : new PostgresContextStore(database.driver.pool);
}
