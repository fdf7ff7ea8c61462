import { z } from "zod";

/** The answers of /api/v1/contexts*, checked on arrival; the page types are inferred from them. */
const contextFields = z.object({
  contextId: z.string(),
  user: z.string().nullable(),
  application: z.string().nullable(),
  source: z.string().nullable(),
  expireType: z.string(),
  expireTime: z.string().nullable(),
  revision: z.number(),
  createTime: z.string(),
  updateTime: z.string(),
  accessTime: z.string(),
});

export const contextRowSchema = contextFields.extend({
  entryCount: z.number(),
  cached: z.boolean(),
  // Cache figures, for cached contexts only.
  bytes: z.number().optional(),
  accesses: z.number().optional(),
});
export type ContextRow = z.infer<typeof contextRowSchema>;

export const contextDetailSchema = z.object({
  context: contextFields.extend({ instance: z.string(), backupInstance: z.string() }),
  entryCounts: z.record(z.string(), z.number()),
  history: z.array(
    z.object({
      source: z.string(),
      contextType: z.string(),
      keyword: z.string().nullable(),
      historyJson: z.string(),
      createTime: z.string(),
      updateTime: z.string(),
    }),
  ),
  metrics: z
    .object({
      bytes: z.number(),
      entries: z.number(),
      accessCount: z.number(),
      accessRate: z.number(),
      lastAccess: z.string(),
      hits: z.number(),
      loadMs: z.number(),
    })
    .nullable(),
});
export type ContextDetail = z.infer<typeof contextDetailSchema>;

export const entrySchema = z.object({
  key: z.string(),
  contextType: z.string(),
  contextScope: z.string(),
  keywords: z.array(z.string()),
  keyKeywords: z.array(z.string()),
  valueKeywords: z.array(z.string()),
  valueType: z.string().nullable(),
  revision: z.number(),
  updateTime: z.string(),
  valueBytes: z.number(),
  preview: z.string(),
  truncated: z.boolean(),
});
export type EntryRow = z.infer<typeof entrySchema>;

export const entryValueSchema = z.object({ value: z.unknown() });
