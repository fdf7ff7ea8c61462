import type { Db } from "../persistence/database.ts";

/** The clear jobs' rows, as the dashboard lists them. */
export class ClearJobStore {
  constructor(private readonly db: Db) {}

  /** The `limit` most recent jobs, newest first. */
  recent(limit: number) {
    return this.db.clearJob.findMany({ orderBy: { id: "desc" }, take: limit });
  }
}
