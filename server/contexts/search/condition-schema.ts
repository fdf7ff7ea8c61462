import { z } from "zod";
import { MAX_REGEX_LENGTH, regexProblem } from "../regex/linear-regex.ts";
import { contextScopeSchema, contextTypeSchema } from "../../core/context-types.ts";

const MAX_DEPTH = 32;

/** Linkis's search condition map, one node of the tree. */
export type Condition =
  | { type: "ContextType"; contextType: z.infer<typeof contextTypeSchema> }
  | { type: "ContextScope"; contextScope: z.infer<typeof contextScopeSchema> }
  | { type: "Regex"; regex: string }
  | { type: "Contains"; value: string }
  | { type: "Keyword"; keyword: string }
  | { type: "ContextValueType"; contextValueType: string }
  | { type: "And"; left: Condition; right: Condition }
  | { type: "Or"; left: Condition; right: Condition }
  | { type: "Not"; origin: Condition };

const regexSchema = z
  .string()
  .min(1)
  .max(MAX_REGEX_LENGTH, `is longer than ${MAX_REGEX_LENGTH} characters`)
  .superRefine((source, ctx) => {
    // Compiled on RE2 (linear time), so any valid pattern is safe to run; only syntax is refused.
    const problem = regexProblem(source);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion(
    "type",
    [
      z.object({ type: z.literal("ContextType"), contextType: contextTypeSchema }),
      z.object({ type: z.literal("ContextScope"), contextScope: contextScopeSchema }),
      z.object({ type: z.literal("Regex"), regex: regexSchema }),
      z.object({ type: z.literal("Contains"), value: z.string().min(1).max(1024) }),
      z.object({ type: z.literal("Keyword"), keyword: z.string().min(1).max(256) }),
      z.object({ type: z.literal("ContextValueType"), contextValueType: z.string().min(1).max(128) }),
      z.object({ type: z.literal("And"), left: conditionSchema, right: conditionSchema }),
      z.object({ type: z.literal("Or"), left: conditionSchema, right: conditionSchema }),
      z.object({ type: z.literal("Not"), origin: conditionSchema }),
    ],
    {
      error: "type must be one of ContextType, ContextScope, Regex, Contains, Keyword, ContextValueType, And, Or, Not",
    },
  ),
);

/**
 * Linkis's `Nearest`, which its client wraps around every search: keep what `origin` accepts
 * (null: everything), ranked by distance from `currentNode` in the flow graph (null: not
 * ranked), the first `number`. Only at the top: it ranks a result, it does not test an entry.
 */
export interface NearestCondition {
  type: "Nearest";
  origin: Condition | null;
  currentNode: string | null;
  number: number;
  upstreamOnly: boolean;
}

export type SearchCondition = Condition | NearestCondition;

const nearestSchema = z.object({
  type: z.literal("Nearest"),
  origin: conditionSchema.nullish().transform((c) => c ?? null),
  currentNode: z
    .string()
    .max(1024)
    .nullish()
    .transform((n) => n ?? null),
  // Linkis's builder defaults to 1; its client's plain search sends Integer.MAX_VALUE.
  number: z.coerce
    .number()
    .int()
    .min(0)
    .nullish()
    .transform((n) => n ?? Number.MAX_SAFE_INTEGER),
  upstreamOnly: z
    .union([z.boolean(), z.enum(["true", "false"])])
    .nullish()
    .transform((b) => b === true || b === "true"),
});

/** The condition, refused past a sane depth before zod recurses into it. */
export const searchConditionSchema: z.ZodType<SearchCondition, unknown> = z
  .unknown()
  .superRefine((v, ctx) => {
    if (depth(v) > MAX_DEPTH) ctx.addIssue({ code: "custom", message: `is nested deeper than ${MAX_DEPTH} levels` });
  })
  .pipe(
    z.unknown().transform((v, ctx): SearchCondition => {
      const isNearest = typeof v === "object" && v !== null && (v as { type?: unknown }).type === "Nearest";
      const parsed = (isNearest ? nearestSchema : conditionSchema).safeParse(v);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: "custom", message: issue.message });
        return z.NEVER;
      }
      return parsed.data;
    }),
  );

function depth(v: unknown, d = 0): number {
  if (d > MAX_DEPTH || v === null || typeof v !== "object") return d;
  const o = v as Record<string, unknown>;
  return Math.max(d, depth(o.left, d + 1), depth(o.right, d + 1), depth(o.origin, d + 1));
}
