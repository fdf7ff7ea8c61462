import { z } from "zod";
import { badStringIn } from "../json-guards.ts";
import { MAX_ROW_ID } from "../public-id.ts";

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
      // A cursor is request input too: a NUL or lone surrogate inside reached the database (500).
      const parsed = badStringIn(decoded, "cursor") ? undefined : shape.safeParse(decoded);
      if (parsed?.success) return parsed.data;
      ctx.addIssue({
        code: "custom",
        message: "is not a cursor of this list (pass nextCursor back unchanged, with the same sort)",
      });
      return z.NEVER;
    });

/** A row id inside a cursor: past the INT column it made PostgreSQL fail the query (500). */
export const cursorRowId = z.number().int().positive().max(MAX_ROW_ID);

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
