import { z } from "zod";

/** A clear job as the server reports it (POST/GET /api/v1/cleanup/jobs, socket.io `cleanup-progress`). */
export const clearJobSchema = z.object({
  id: z.number(),
  actor: z.string(),
  action: z.string(),
  status: z.enum(["running", "done", "failed"]),
  total: z.number(),
  processed: z.number(),
  startTime: z.string(),
  finishTime: z.string().nullable(),
  /** Contexts cleared per second so far. */
  rate: z.number(),
  error: z.string().nullable(),
});
export type ClearJob = z.infer<typeof clearJobSchema>;

export const startedJobSchema = z.object({ job: clearJobSchema });
export const jobListSchema = z.object({ items: z.array(clearJobSchema) });

/** The data of a dry-run clearAllContextByTime: how many match, and the first of them. */
const previewSchema = z.object({ num: z.string(), contextIDs: z.array(z.string()) });
export type Preview = z.infer<typeof previewSchema>;
/** The Linkis envelope around a preview, unwrapped. */
export const previewEnvelopeSchema = z.object({ data: previewSchema }).transform((e) => e.data);

/** One line of GET /api/v1/audit. */
export const auditItemSchema = z.object({
  id: z.number(),
  time: z.string(),
  actor: z.string(),
  action: z.string(),
  criteria: z.unknown(),
  count: z.number(),
  durationMs: z.number(),
  outcome: z.string(),
  detail: z.string().nullable(),
});
export type AuditItem = z.infer<typeof auditItemSchema>;
