import type { Db } from "../persistence/database.ts";
import { listAudit, writeAudit, type AuditRecord } from "./audit-log.ts";

/** The audit log as handlers see it: write a record, read a page. Built once by the wiring. */
export class AuditStore {
  constructor(private readonly db: Db) {}

  write(record: AuditRecord) {
    return writeAudit(this.db, record);
  }

  /** Newest first, before `beforeId` when given. */
  list(beforeId: number | undefined, limit: number) {
    return listAudit(this.db, beforeId, limit);
  }
}
