import { z } from "zod";
import { formatPublicId, parsePublicId } from "../core/public-id.ts";
import { AppError } from "../core/errors.ts";
import { linkisRoute, type Route } from "../http/route.ts";
import type { AuditStore } from "./audit-store.ts";
import type { ClearTargetStore } from "./clear-target-store.ts";
import type { ClearJobState } from "./cleaner.ts";
import { criteriaJson, timeCriteriaWith } from "./time-criteria.ts";
import type { Cleaner } from "./cleaner.ts";

const MAX_PAGE = 5000;
const SAMPLE = 20;

// Linkis's client passes 0 for "no paging" (the seed's own example does): as Linkis's server
// does, a page number or size of 0 or less means the default.
const searchQuery = timeCriteriaWith({
  // A page past any real table (skip must stay a 32-bit int for the databases): 400, not 500.
  pageNow: z.coerce
    .number()
    .int()
    .max(400_000, "is past the last possible page")
    .default(1)
    .transform((n) => Math.max(n, 1)),
  // The seed caps pages at 5000: a larger ask is served as 5000, not refused.
  pageSize: z.coerce
    .number()
    .int()
    .default(MAX_PAGE)
    .transform((n) => (n <= 0 ? MAX_PAGE : Math.min(n, MAX_PAGE))),
});
const clearByTimeBody = timeCriteriaWith({ dryRun: z.boolean().optional() });
const clearByIdBody = z.object({
  idList: z
    .array(z.string().min(1).max(256))
    .min(1, "give at least one id")
    .max(MAX_PAGE, `at most ${MAX_PAGE} ids per call`),
});

const finished = (state: ClearJobState) => {
  if (state.status !== "done")
    throw new AppError(
      "internal",
      `The clear stopped after ${state.processed} of ${state.total} contexts (job ${state.id}); run it again to finish.`,
    );
  return { num: String(state.processed) };
};

export const cleanupRoutes = (services: {
  cleaner: Cleaner;
  targets: ClearTargetStore;
  audit: AuditStore;
}): Route[] => [
  linkisRoute("GET", "searchContextIDByTime", "cleanup", { query: searchQuery }, async ({ url, principal }) => {
    const started = performance.now();
    const { pageNow, pageSize, ...criteria } = searchQuery.parse(Object.fromEntries(url.searchParams));
    const { rows, total } = await services.targets.page(criteria, pageNow, pageSize);
    await services.audit.write({
      actor: principal.user,
      action: "searchContextIDByTime",
      criteria: { ...criteriaJson(criteria), pageNow, pageSize },
      count: rows.length,
      durationMs: performance.now() - started,
      outcome: "ok",
    });
    return { contextIDs: rows.map(formatPublicId), total };
  }),

  linkisRoute("POST", "clearAllContextByID", "cleanup", { body: clearByIdBody }, async ({ body, principal }) => {
    const { idList } = clearByIdBody.parse(await body());
    const rowIdsAsked = idList.map((id, i) => parsePublicId(id, `idList.${i}`).id);
    // Only ids that name a context as given (instance parts included) are cleared.
    const rows = await services.targets.existing(rowIdsAsked);
    const wanted = new Set(idList);
    const rowIds = rows.filter((r) => wanted.has(formatPublicId(r))).map((r) => r.id);
    const { done } = await services.cleaner.start(principal.user, "clearAllContextByID", {
      kind: "ids",
      rowIds,
      idList,
    });
    return finished(await done);
  }),

  linkisRoute("POST", "clearAllContextByTime", "cleanup", { body: clearByTimeBody }, async ({ body, principal }) => {
    const started = performance.now();
    const { dryRun, ...criteria } = clearByTimeBody.parse(await body());
    if (dryRun) {
      const { total, sample } = await services.targets.countAndSample(criteria, SAMPLE);
      await services.audit.write({
        actor: principal.user,
        action: "clearAllContextByTime",
        criteria: criteriaJson(criteria),
        count: total,
        durationMs: performance.now() - started,
        outcome: "dry-run",
      });
      return { num: String(total), dryRun: true, contextIDs: sample.map(formatPublicId) };
    }
    const { done } = await services.cleaner.start(principal.user, "clearAllContextByTime", { kind: "time", criteria });
    return finished(await done);
  }),
];
