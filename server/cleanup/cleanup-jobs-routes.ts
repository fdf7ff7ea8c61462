import { queryObject } from "../core/paging/query-params.ts";
import type { Route } from "../http/route.ts";
import { auditQuery } from "./audit-query.ts";
import type { AuditStore } from "./audit-store.ts";
import type { ClearJobStore } from "./clear-job-store.ts";
import { timeCriteriaSchema } from "./time-criteria.ts";
import type { Cleaner } from "./cleaner.ts";
import { savedState } from "./saved-job.ts";

/** The dashboard's side of cleanup: start a clear as a job (progress comes over socket.io), list jobs, read the audit log. */
export const cleanupJobsRoutes = (services: { cleaner: Cleaner; jobs: ClearJobStore; audit: AuditStore }): Route[] => [
  {
    method: "POST",
    path: "/api/v1/cleanup/jobs",
    permission: "cleanup",
    style: "json",
    body: timeCriteriaSchema,
    async handle({ body, principal }) {
      const criteria = timeCriteriaSchema.parse(await body());
      const { state, done } = await services.cleaner.start(principal.user, "clearAllContextByTime", {
        kind: "time",
        criteria,
      });
      done.catch(() => undefined); // its outcome is reported through progress events and the audit log
      return { job: state };
    },
  },
  {
    method: "GET",
    path: "/api/v1/cleanup/jobs",
    permission: "cleanup",
    style: "json",
    async handle() {
      const recent = await services.jobs.recent(20);
      const running = new Map(services.cleaner.running().map((s) => [s.id, s]));
      return {
        items: recent.map((r) => running.get(r.id) ?? savedState(r)),
        nextCursor: null,
      };
    },
  },
  {
    method: "GET",
    path: "/api/v1/audit",
    permission: "audit",
    style: "json",
    query: auditQuery,
    async handle({ url }) {
      return services.audit.list(auditQuery.parse(queryObject(url)));
    },
  },
  {
    method: "GET",
    path: "/api/v1/audit/facets",
    permission: "audit",
    style: "json",
    summary: "The distinct actions and actors of the audit log (at most 500 each), for its filter",
    async handle() {
      return services.audit.facets();
    },
  },
];
