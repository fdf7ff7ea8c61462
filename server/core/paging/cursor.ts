import { z } from "zod";

/** What a cursor holds: the last row's sort values, then its id (or other unique tail). */
export type CursorParts = readonly (string | number)[];

/** An opaque cursor: base64url of the JSON of its parts. */
export const encodeCursor = (parts: CursorParts) => Buffer.from(JSON.stringify(parts), "utf8").toString("base64url");

/**
 * The `cursor` query parameter, decoded and checked against the shape this endpoint writes.
 * Anything else (edited, from another endpoint or sort) is a 400, never a wrong page.
 */
export const cursorParam = <T extends z.ZodType>(shape: T) =>
  z
    .string()
    .max(4096)
    .transform((text, ctx): z.infer<T> => {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
      } catch {
        decoded = undefined;
      }
      const parsed = shape.safeParse(decoded);
      if (parsed.success) return parsed.data;
      ctx.addIssue({
        code: "custom",
        message: "is not a cursor of this list (pass nextCursor back unchanged, with the same sort)",
      });
      return z.NEVER;
    });

/** Splits `limit + 1` fetched rows into the page and the cursor of its last row (null at the end). */
export function pageOf<Row>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => CursorParts,
): { rows: Row[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(cursorOf(page.at(-1)!)) };
}
