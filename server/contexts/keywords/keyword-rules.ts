import { readFileSync } from "node:fs";
import { z } from "zod";
import { MAX_REGEX_LENGTH, regexProblem } from "../regex/linear-regex.ts";
import defaults from "./default-keyword-rules.json" with { type: "json" };

/**
 * Keyword rules replace Linkis's @KeywordMethod annotation with data: for a valueType, which
 * fields of the value yield keywords, cut by a splitter or by a regex whose matches are the keywords.
 */
const ruleSchema = z
  .object({
    path: z.string().regex(/^[A-Za-z0-9_$]+(\.[A-Za-z0-9_$]+)*$/, "a dot path like name or table.location"),
    split: z.string().min(1).optional(),
    regex: z
      .string()
      .min(1)
      .max(MAX_REGEX_LENGTH)
      .refine((r) => regexProblem(r) === null, "is not a valid regular expression (RE2 syntax)")
      .optional(),
  })
  .strict()
  .refine((r) => !(r.split && r.regex), "give split or regex, not both");

export const keywordRulesSchema = z.record(z.string().min(1), z.array(ruleSchema));
export type KeywordRule = z.infer<typeof ruleSchema>;
export type KeywordRules = z.infer<typeof keywordRulesSchema>;

/** The built-in rules, extended (per valueType, replaced) by the operator's JSON file if given. */
export function loadKeywordRules(file?: string): KeywordRules {
  const base = keywordRulesSchema.parse(defaults);
  if (!file) return base;
  const extra = keywordRulesSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  return { ...base, ...extra };
}
