import { z } from "zod";
import { metricsSchema } from "../metrics/metrics-schema.ts";

const rowCount = z.object({ count: z.number(), estimated: z.boolean() });

/** GET /api/v1/overview, checked on arrival. */
export const overviewSchema = z.object({
  time: z.string(),
  version: z.string(),
  startedAt: z.string(),
  contexts: rowCount,
  entries: rowCount,
  countedAt: z.string(),
  // The metrics page's cache figures, but a hit ratio of null before the first lookup.
  cache: metricsSchema.shape.cache
    .pick({ contexts: true, maxContexts: true, bytes: true, maxBytes: true, hits: true, misses: true })
    .extend({ hitRatio: z.number().nullable() }),
  listeners: z.object({ live: z.number(), lagged: z.number(), heartbeat: z.number() }),
  cleanups: z
    .array(
      z.object({
        id: z.number(),
        actor: z.string(),
        action: z.string(),
        status: z.string(),
        total: z.number(),
        processed: z.number(),
        startTime: z.string(),
        finishTime: z.string().nullable(),
      }),
    )
    .nullable(),
  problems: z
    .array(
      z.object({
        time: z.string(),
        level: z.string(),
        msg: z.string(),
        error: z.string().optional(),
        about: z.string().optional(),
      }),
    )
    .nullable(),
});
export type Overview = z.infer<typeof overviewSchema>;
