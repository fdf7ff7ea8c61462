import { Worker } from "node:worker_threads";
import { formatPublicId } from "../core/public-id.ts";
import { CHILD_TABLES, type ClearedContext } from "./clear-batch.ts";

interface Row {
  id: number;
  revision: number;
  instance: string;
  backupInstance: string;
}
type Reply = { seq: number; cleared: Row[]; ms: number } | { seq: number; error: string };

/**
 * Clear batches on a second SQLite connection in a worker thread. A batch then costs the
 * server's event loop only a message each way, where on the main connection (a synchronous
 * driver) it held the loop for the whole delete and commit, checkpoint included.
 *
 * What the main thread still does per batch: pick the ids (a short indexed read), then drop the
 * cleared contexts from the cache, publish their events and record progress (Cleaner). Writes on
 * the main connection wait for a batch's commit (busy timeout), so batches stay short.
 */
export class SqliteClearThread {
  #worker: Worker | undefined;
  #seq = 0;
  #waiting = new Map<number, { resolve: (rows: ClearedContext[]) => void; reject: (err: Error) => void }>();

  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs = 10_000,
  ) {}

  /**
   * Deletes the contexts (and everything under them) in one transaction; ids that are gone are
   * skipped. With a job id, the job's `processed` grows by the count in the same transaction.
   */
  clear(rowIds: number[], jobId?: number): Promise<ClearedContext[]> {
    if (rowIds.length === 0) return Promise.resolve([]);
    const worker = this.#start();
    const seq = ++this.#seq;
    worker.ref(); // a clear in flight keeps the process alive; an idle thread does not
    return new Promise((resolve, reject) => {
      this.#waiting.set(seq, { resolve, reject });
      worker.postMessage({ seq, rowIds, jobId });
    });
  }

  /** Stops the thread once idle (a clear in flight finishes first: its transaction is all or nothing). */
  async close() {
    const worker = this.#worker;
    this.#worker = undefined;
    if (!worker) return;
    while (this.#waiting.size > 0) await new Promise((r) => setTimeout(r, 10));
    await worker.terminate();
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL("./sqlite-clear-worker.mjs", import.meta.url), {
      workerData: { file: this.file, busyTimeoutMs: this.busyTimeoutMs, childTables: CHILD_TABLES },
    });
    worker.unref();
    worker.on("message", (m: Reply) => {
      const waiting = this.#waiting.get(m.seq);
      this.#waiting.delete(m.seq);
      if (this.#waiting.size === 0) worker.unref();
      if (!waiting) return;
      if ("error" in m) waiting.reject(new Error(m.error));
      else
        waiting.resolve(
          m.cleared.map((r) => ({
            rowId: Number(r.id),
            publicId: formatPublicId({ id: Number(r.id), instance: r.instance, backupInstance: r.backupInstance }),
            revision: Number(r.revision) + 1,
          })),
        );
    });
    const fail = (err: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const w of this.#waiting.values()) w.reject(err);
      this.#waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the clear thread exited (code ${code})`)));
    this.#worker = worker;
    return worker;
  }
}
