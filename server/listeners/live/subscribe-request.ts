import { z } from "zod";
import {
  changeOps,
  MAX_SUBSCRIPTION_CONTEXT_IDS,
  type SubscribeRequest as WireRequest,
} from "../../../client/contract/live-events.ts";
import { contextTypeSchema } from "../../core/context-types.ts";

export { MAX_SUBSCRIPTION_CONTEXT_IDS };
const fieldPath = z
  .string()
  .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, "must be a dot path like table.name")
  .max(256);
const jsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

// The limit on context ids per subscription: catch-up over them runs in pieces that let other
// requests through, but its total work grows with the count; more contexts take several
// subscriptions (or a filter without contextIds).
const tooMany = `at most ${MAX_SUBSCRIPTION_CONTEXT_IDS} context ids per subscription (filter.contextIds and resume each); split them over several subscriptions`;

/** What a subscriber wants: fields combine with AND, values inside one list with OR. Unknown fields are errors. */
export const filterSchema = z
  .object({
    contextIds: z.array(z.string().min(1).max(256)).min(1).max(MAX_SUBSCRIPTION_CONTEXT_IDS, tooMany).optional(),
    contextTypes: z.array(contextTypeSchema).min(1).optional(),
    keyPrefix: z.string().min(1).max(1024).optional(),
    keywords: z.array(z.string().min(1).max(256)).min(1).max(1000).optional(),
    ops: z.array(z.enum(changeOps)).min(1).optional(),
    valueMatch: z.object({ path: fieldPath, equals: jsonScalar }).strict().optional(),
  })
  .strict();

/** A projection of the value: only these paths are sent. */
export const converterSchema = z.object({ fields: z.array(fieldPath).min(1).max(100) }).strict();

export const subscribeRequestSchema = z
  .object({
    filter: filterSchema.optional(),
    converter: converterSchema.optional(),
    includeCurrentState: z.boolean().optional(),
    resume: z
      .record(z.string().min(1).max(256), z.number().int().min(0))
      .refine((r) => Object.keys(r).length <= MAX_SUBSCRIPTION_CONTEXT_IDS, tooMany)
      .optional(),
  })
  .strict() satisfies z.ZodType<WireRequest>; // the contract's shape, checked by the compiler

export type Filter = z.infer<typeof filterSchema>;
export type Converter = z.infer<typeof converterSchema>;
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;
