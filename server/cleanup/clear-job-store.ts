import type { Db } from "../persistence/database.ts";

/** The clear jobs' rows: one per clear, kept up to date so a crash leaves the job resumable. */
export class ClearJobStore {
  constructor(private readonly db: Db) {}

  /** A running job's row; `criteria` is its JSON (what resume needs to finish it). */
  create(actor: string, criteria: string, total: number) {
    return this.db.clearJob.create({
      data: { actor, criteria, status: "running", total, startTime: new Date() },
    });
  }

  /** Jobs a crash left running. */
  unfinished() {
    return this.db.clearJob.findMany({ where: { status: "running" } });
  }

  finish(id: number, end: { status: string; processed: number; finishTime: Date; error: string | null }) {
    return this.db.clearJob.update({ where: { id }, data: end });
  }

  /** The `limit` most recent jobs, newest first. */
  recent(limit: number) {
    return this.db.clearJob.findMany({ orderBy: { id: "desc" }, take: limit });
  }
}
