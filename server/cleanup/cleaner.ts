import { AppError } from "../core/errors.ts";
import type { ChangeBus } from "../core/change-bus.ts";
import type { AuditStore } from "./audit-store.ts";
import type { ClearedContext } from "./clear-batch.ts";
import type { ClearJobStore } from "./clear-job-store.ts";
import type { ClearTargetStore } from "./clear-target-store.ts";
import { criteriaJson, criteriaOverlap, type TimeCriteria } from "./time-criteria.ts";
import { savedState, savedTarget } from "./saved-job.ts";
import { logger } from "../core/logger.ts";

export type ClearTarget =
  | { kind: "time"; criteria: TimeCriteria }
  /** `idList`: the public ids exactly as the admin gave them, for the audit log. */
  | { kind: "ids"; rowIds: number[]; idList?: string[] };

export interface ClearJobState {
  id: number;
  actor: string;
  action: string;
  status: "running" | "done" | "failed";
  total: number;
  processed: number;
  startTime: string;
  finishTime: string | null;
  /** Contexts cleared per second so far. */
  rate: number;
  error: string | null;
}

export interface CleanerDeps {
  jobs: ClearJobStore;
  targets: ClearTargetStore;
  audit: AuditStore;
  /**
   * One batch in one transaction on the main connection (clear-batch.ts), when there is no
   * `offThread`; the same transaction adds the batch to job `jobId`'s processed count.
   */
  clearHere(rowIds: number[], jobId: number): Promise<ClearedContext[]>;
  bus: ChangeBus;
  /** Drops whatever else the process holds for a cleared context (cache entry, bindings, pending access time). */
  forget(rowId: number): void;
  onProgress?(state: ClearJobState): void;
  /**
   * Runs batches somewhere other than the main connection (SQLite: SqliteClearThread). Without
   * it, batches run through `clearHere` in this thread (PostgreSQL, where the driver waits without blocking).
   */
  offThread?: { clear(rowIds: number[], jobId: number): Promise<ClearedContext[]>; close(): Promise<void> };
  /**
   * Cluster mode: a job runs on the node holding its lease, renewed before each batch; a job
   * whose lease expired (its node died) is taken over by the next node that looks. Without it
   * (one process), every unfinished job is this process's.
   */
  lease?: {
    acquire(name: string, ttlMs: number): Promise<boolean>;
    release(name: string): Promise<void>;
    ttlMs: number;
  };
}

/** This node's lease on a job was taken over by another: it stops without finishing the job. */
class LeaseLost extends Error {}
const leaseName = (jobId: number) => `clear-job:${jobId}`;

// Other requests are served between batches, and during a batch whenever it waits on the
// database. So what they wait for is how long a batch holds the event loop: all of its time on
// SQLite (the driver is synchronous), at most its CPU time on PostgreSQL. Batches adapt to keep
// that stall near TARGET_STALL_MS, and a transaction under MAX_BATCH_MS; within those, bigger
// batches cost less per context (bench/cleanup.bench.ts).
const TARGET_STALL_MS = 25;
const MAX_BATCH_MS = 1000;
const MIN_BATCH = 20;
const MAX_BATCH = 5000;
// Off the main thread a batch costs the event loop nothing; what bounds it is that writes on
// the main connection wait for its commit. Bigger batches amortise each commit's fixed cost.
const TARGET_OFF_THREAD_MS = 150;

/**
 * Runs clears as resumable jobs: batches of contexts, each in its own transaction, progress
 * after each, a job row that survives a crash (resumeUnfinished finishes it), and one audit
 * line when done. Two running clears may not overlap.
 */
export class Cleaner {
  #running = new Map<number, { target: ClearTarget; state: ClearJobState }>();
  #batchSize = 500;
  #watch: NodeJS.Timeout | undefined;

  constructor(private readonly d: CleanerDeps) {}

  /** Starts a clear; `done` settles when it finishes. Refuses one that overlaps a running clear. */
  async start(
    actor: string,
    action: string,
    target: ClearTarget,
  ): Promise<{ state: ClearJobState; done: Promise<ClearJobState> }> {
    const clash = await this.#overlapping(target);
    if (clash) {
      await this.d.audit.write({
        actor,
        action,
        criteria: auditJson(target),
        count: 0,
        durationMs: 0,
        outcome: "refused",
        detail: `overlaps job ${clash.id}`,
      });
      throw new AppError(
        "conflict",
        `A clear over overlapping contexts is already running (job ${clash.id}, started by ${clash.actor} at ${clash.startTime}, ${clash.processed}/${clash.total} done). Wait for it to finish, then retry.`,
      );
    }
    const total =
      target.kind === "time"
        ? await this.d.targets.count(target.criteria)
        : await this.d.targets.countAmong(target.rowIds);
    const row = await this.d.jobs.create(actor, JSON.stringify({ action, ...targetJson(target) }), total);
    await this.d.lease?.acquire(leaseName(row.id), this.d.lease.ttlMs);
    return this.#launch(row.id, actor, action, target, total, 0, row.startTime);
  }

  /**
   * Finishes jobs a crash interrupted (called at start); in cluster mode also those of a node
   * that died (their lease expired), which every node looks for every third of a lease.
   */
  async resumeUnfinished(): Promise<ClearJobState[]> {
    const rows = await this.d.jobs.unfinished();
    const done: Promise<ClearJobState>[] = [];
    for (const row of rows) {
      if (this.#running.has(row.id)) continue;
      if (this.d.lease && !(await this.d.lease.acquire(leaseName(row.id), this.d.lease.ttlMs))) continue;
      const { action, target } = savedTarget(row);
      logger().info(
        { component: "cleanup", job: row.id, action, actor: row.actor },
        `resuming job ${row.id}: ${row.processed}/${row.total} were done`,
      );
      done.push((await this.#launch(row.id, row.actor, action, target, row.total, row.processed, row.startTime)).done);
    }
    return Promise.all(done);
  }

  /** Cluster mode: looks for jobs whose node died, every third of a lease, until `stop`. */
  watchOrphans() {
    if (!this.d.lease) return;
    this.#watch = setInterval(
      () =>
        void this.resumeUnfinished().catch((err) =>
          logger().error({ component: "cleanup", err }, "could not take over unfinished clears"),
        ),
      Math.max(250, Math.floor(this.d.lease.ttlMs / 3)),
    );
    this.#watch.unref();
  }

  running(): ClearJobState[] {
    return [...this.#running.values()].map((r) => ({ ...r.state }));
  }

  async #launch(
    id: number,
    actor: string,
    action: string,
    target: ClearTarget,
    total: number,
    processed: number,
    startTime: Date,
  ) {
    const state: ClearJobState = {
      id,
      actor,
      action,
      status: "running",
      total,
      processed,
      startTime: startTime.toISOString(),
      finishTime: null,
      rate: 0,
      error: null,
    };
    this.#running.set(id, { target, state });
    this.d.onProgress?.({ ...state });
    return { state: { ...state }, done: this.#run(state, target) };
  }

  async #run(state: ClearJobState, target: ClearTarget): Promise<ClearJobState> {
    const started = performance.now();
    const startedProcessed = state.processed;
    try {
      // Time batches continue after the previous batch's last id: the query walks the primary
      // key, and starting from the beginning each time would re-read every kept context before
      // the next match when matches are scattered (an access-time clear).
      for (let offset = 0, afterId = 0; ;) {
        const ids =
          target.kind === "time"
            ? await this.d.targets.idsAfter(target.criteria, afterId, this.#batchSize)
            : target.rowIds.slice(offset, (offset += this.#batchSize));
        if (ids.length === 0) break;
        afterId = ids[ids.length - 1]!;
        if (this.d.lease && !(await this.d.lease.acquire(leaseName(state.id), this.d.lease.ttlMs)))
          throw new LeaseLost();
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        let yielded = false;
        const probe = setImmediate(() => (yielded = true));
        const cleared = this.d.offThread
          ? await this.d.offThread.clear(ids, state.id)
          : await this.d.clearHere(ids, state.id);
        clearImmediate(probe);
        const batchMs = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        if (this.d.offThread) this.#adaptOffThread(batchMs, ids.length);
        // Without a turn of the event loop the batch held it throughout; otherwise requests ran
        // between its round trips, and it held the loop for at most the CPU time it took.
        else this.#adapt(batchMs, yielded ? Math.min(batchMs, (cpu.user + cpu.system) / 1000) : batchMs, ids.length);
        this.#afterCommit(cleared);
        state.processed += cleared.length;
        state.rate = Math.round(
          ((state.processed - startedProcessed) / Math.max(1, performance.now() - started)) * 1000,
        );
        this.d.onProgress?.({ ...state });
        await new Promise((r) => setImmediate(r)); // let waiting requests in between batches
      }
      state.status = "done";
    } catch (err) {
      if (err instanceof LeaseLost) {
        // Another node took the job over (this one stalled past its lease): it finishes it.
        logger().warn({ component: "cleanup", job: state.id }, "clear job taken over by another node");
        this.#running.delete(state.id);
        return { ...state };
      }
      state.status = "failed";
      state.error = (err as Error).message.split("\n")[0] ?? "failed";
      logger().error({ component: "cleanup", job: state.id, err }, "clear job failed");
    }
    state.finishTime = new Date().toISOString();
    this.#running.delete(state.id);
    await this.d.jobs
      .finish(state.id, {
        status: state.status,
        processed: state.processed,
        finishTime: new Date(state.finishTime),
        error: state.error,
      })
      .catch(() => undefined);
    await this.d.audit.write({
      actor: state.actor,
      action: state.action,
      criteria: auditJson(target),
      count: state.processed,
      durationMs: performance.now() - started,
      outcome: state.status === "done" ? "ok" : "failed",
      detail: state.error ?? `job ${state.id}`,
    });
    this.d.onProgress?.({ ...state });
    await this.d.lease?.release(leaseName(state.id)).catch(() => undefined);
    return { ...state };
  }

  #afterCommit(cleared: ClearedContext[]) {
    const time = new Date();
    for (const c of cleared) this.d.forget(c.rowId);
    this.d.bus.publish(
      cleared.map((c) => ({
        contextId: c.publicId,
        revision: c.revision,
        op: "context-cleared" as const,
        contextType: null,
        key: null,
        value: null,
        time,
      })),
    );
  }

  /** `stallMs`: how long the batch held the event loop. */
  #adapt(batchMs: number, stallMs: number, size: number) {
    if (size < this.#batchSize) return;
    if (stallMs > TARGET_STALL_MS * 2 || batchMs > MAX_BATCH_MS)
      this.#batchSize = Math.max(MIN_BATCH, Math.floor(this.#batchSize / 2));
    else if (stallMs < TARGET_STALL_MS / 2 && batchMs < MAX_BATCH_MS / 2)
      this.#batchSize = Math.min(MAX_BATCH, this.#batchSize * 2);
  }

  #adaptOffThread(batchMs: number, size: number) {
    if (size < this.#batchSize) return;
    if (batchMs > TARGET_OFF_THREAD_MS * 2) this.#batchSize = Math.max(MIN_BATCH, Math.floor(this.#batchSize / 2));
    else if (batchMs < TARGET_OFF_THREAD_MS / 2) this.#batchSize = Math.min(MAX_BATCH, this.#batchSize * 2);
  }

  /** Stops looking for orphaned jobs and the batch thread, if any (after the batch in flight). */
  close(): Promise<void> {
    clearInterval(this.#watch);
    return this.d.offThread?.close() ?? Promise.resolve();
  }

  async #overlapping(target: ClearTarget): Promise<ClearJobState | undefined> {
    const others = [...this.#running.values()];
    // In a cluster, jobs running on the other nodes too, as their rows say.
    if (this.d.lease)
      for (const row of await this.d.jobs.unfinished())
        if (!this.#running.has(row.id)) others.push({ target: savedTarget(row).target, state: savedState(row) });
    for (const running of others) {
      const other = running.target;
      let overlaps: boolean;
      if (target.kind === "time" && other.kind === "time") overlaps = criteriaOverlap(target.criteria, other.criteria);
      else if (target.kind === "ids" && other.kind === "ids") {
        const theirs = new Set(other.rowIds);
        overlaps = target.rowIds.some((id) => theirs.has(id));
      } else {
        const [ids, time] =
          target.kind === "ids"
            ? [target, other as Extract<ClearTarget, { kind: "time" }>]
            : [other as Extract<ClearTarget, { kind: "ids" }>, target];
        overlaps = (await this.d.targets.countAmong(ids.rowIds, time.criteria)) > 0;
      }
      if (overlaps) return running.state;
    }
    return undefined;
  }
}

const targetJson = (t: ClearTarget) =>
  t.kind === "time"
    ? { kind: t.kind, criteria: criteriaJson(t.criteria) }
    : { kind: t.kind, rowIds: t.rowIds, idList: t.idList };

/** What the audit log keeps: the criteria as given (public ids, never internal row ids) and how many. */
const auditJson = (t: ClearTarget) =>
  t.kind === "time"
    ? { kind: t.kind, criteria: criteriaJson(t.criteria) }
    : { kind: t.kind, idList: t.idList ?? [], asked: t.idList?.length ?? t.rowIds.length };
