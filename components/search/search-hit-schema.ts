import { z } from "zod";

/** One hit of /api/v1/search. */
export const searchHitSchema = z.object({
  contextId: z.string(),
  key: z.string(),
  contextType: z.string(),
  contextScope: z.string(),
  keywords: z.array(z.string()),
  valueType: z.string().nullable(),
  preview: z.string(),
  truncated: z.boolean(),
});
