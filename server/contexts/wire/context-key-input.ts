import { z } from "zod";
import { contextScopeSchema, contextTypeSchema } from "../../core/context-types.ts";
import { keywordsInput } from "./keywords-input.ts";
import { linkisSerialized } from "./linkis-serialized.ts";

export const MAX_KEY_LENGTH = 1024;
export const keyString = z
  .string()
  .min(1, "must not be empty")
  .max(MAX_KEY_LENGTH, `at most ${MAX_KEY_LENGTH} characters`);

/** contextKey as `{ key, contextType, contextScope, keywords? }` or its Linkis-serialized string. */
export const contextKeyInput = z.preprocess(
  linkisSerialized(["commonContextKey", "ContextKey"]),
  z.object(
    {
      key: keyString,
      contextType: contextTypeSchema,
      // Linkis defaults an unspecified scope to PUBLIC.
      contextScope: contextScopeSchema.nullish().transform((s) => s ?? "PUBLIC"),
      keywords: keywordsInput,
    },
    { error: "must be an object { key, contextType, contextScope, keywords? } or a Linkis-serialized context key" },
  ),
);

/** For reads and removals the type must still be named: (contextType, key) is what identifies an entry. */
export type ContextKeyInput = z.infer<typeof contextKeyInput>;
