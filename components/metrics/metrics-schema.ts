import { z } from "zod";

/** GET /api/v1/metrics, checked on arrival; the page's types are inferred from it. */
const figures = z.object({ count: z.number(), bytes: z.number() });

const topContext = z.object({
  contextId: z.string(),
  user: z.string().nullable(),
  application: z.string().nullable(),
  bytes: z.number(),
  entries: z.number(),
  accessCount: z.number(),
  accessRate: z.number(),
  lastAccess: z.string(),
  hits: z.number(),
  misses: z.number(),
});
export type TopContext = z.infer<typeof topContext>;

export const metricsSchema = z.object({
  time: z.string(),
  cache: z.object({
    contexts: z.number(),
    maxContexts: z.number(),
    bytes: z.number(),
    maxBytes: z.number(),
    hits: z.number(),
    misses: z.number(),
    hitRatio: z.number(),
    loads: z.number(),
    loadFailures: z.number(),
    loading: z.number(),
    evictions: z.object({ count: figures, bytes: figures, pressure: figures, explicit: figures }),
    heap: z.object({ used: z.number(), limit: z.number() }),
    autoClear: z.object({
      runs: z.number(),
      evicted: z.number(),
      evictedBytes: z.number(),
      highWatermark: z.number(),
      lowWatermark: z.number(),
      intervalMs: z.number(),
      lastRun: z
        .object({
          at: z.string(),
          ms: z.number(),
          evicted: z.number(),
          evictedBytes: z.number(),
          reachedLowWatermark: z.boolean(),
        })
        .nullable(),
    }),
  }),
  top: z.object({ byBytes: z.array(topContext), byAccesses: z.array(topContext) }),
});
export type Metrics = z.infer<typeof metricsSchema>;
