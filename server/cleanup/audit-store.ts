import type { Db } from "../persistence/database.ts";
import { auditFacets, listAudit, writeAudit, type AuditRecord } from "./audit-log.ts";
import type { AuditQuery } from "./audit-query.ts";

/** The audit log as handlers see it: write a record, read a page. Built once by the wiring. */
export class AuditStore {
  constructor(private readonly db: Db) {}

  write(record: AuditRecord) {
    return writeAudit(this.db, record);
  }

  /** Newest first, filtered, before the query's cursor when given. */
  list(query: AuditQuery) {
    return listAudit(this.db, query);
  }

  /** The actions and actors a filter can choose from. */
  facets() {
    return auditFacets(this.db, 500);
  }
}
