import { z } from "zod";

/** The answers of GET /api/v1/listeners and the events of socket.io `/events`, checked on arrival. */
export const heartbeatClientSchema = z.object({
  source: z.string(),
  idBindings: z.number(),
  keyBindings: z.number(),
  lastHeartbeatAgeMs: z.number(),
  pending: z.number(),
  resync: z.boolean(),
});
export type HeartbeatClient = z.infer<typeof heartbeatClientSchema>;

export const liveSubscriberSchema = z.object({
  id: z.string(),
  user: z.string(),
  filter: z.record(z.string(), z.unknown()),
  converter: z.object({ fields: z.array(z.string()) }).nullable(),
  live: z.boolean(),
  queued: z.number(),
  sent: z.number(),
  contexts: z.number(),
  createdAt: z.string(),
  lastActivity: z.string(),
});
export type LiveSubscriber = z.infer<typeof liveSubscriberSchema>;

export const liveEventSchema = z.object({
  subscriptionId: z.string(),
  contextId: z.string(),
  revision: z.number(),
  op: z.string(),
  contextType: z.string().nullable(),
  key: z.string().nullable(),
  value: z.unknown(),
});
export type LiveEvent = z.infer<typeof liveEventSchema>;
