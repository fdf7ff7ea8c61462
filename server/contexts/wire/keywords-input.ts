import { z } from "zod";

const MAX_KEYWORDS = 100;
const MAX_KEYWORD_LENGTH = 256;

/** Keywords as a JSON array or a comma-separated string; trimmed, empty ones dropped, deduplicated. */
export const keywordsInput = z
  .union([z.array(z.union([z.string(), z.number()])), z.string(), z.null()])
  .optional()
  .transform((v) => {
    const list = v == null ? [] : typeof v === "string" ? v.split(",") : v.map(String);
    return [...new Set(list.map((k) => k.trim()).filter(Boolean))];
  })
  .refine((list) => list.length <= MAX_KEYWORDS, `at most ${MAX_KEYWORDS} keywords`)
  .refine(
    (list) => list.every((k) => k.length <= MAX_KEYWORD_LENGTH),
    `a keyword is at most ${MAX_KEYWORD_LENGTH} characters`,
  );
