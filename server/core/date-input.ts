import { isValid, parse, parseISO } from "date-fns";
import { z } from "zod";

/**
 * A time as Linkis sends it, `yyyy-MM-dd HH:mm:ss` in the server's local time zone, or ISO
 * 8601. Impossible dates (2026-02-30) are rejected, not rolled over.
 */
export function parseDateText(text: string): Date | null {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(trimmed)) {
    const linkis = parse(trimmed, "yyyy-MM-dd HH:mm:ss", new Date());
    return isValid(linkis) ? linkis : null;
  }
  const iso = parseISO(trimmed);
  return isValid(iso) ? iso : null;
}

/** The times both databases store and ISO text writes: years 1 to 9999. */
export const MIN_TIME = new Date("0001-01-01T00:00:00Z").getTime();
export const MAX_TIME = new Date("9999-12-31T23:59:59.999Z").getTime();

export const dateInput = z.union([z.string(), z.number(), z.date()]).transform((v, ctx) => {
  const date = typeof v === "string" ? parseDateText(v) : new Date(v);
  if (!date || Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: "custom", message: `"${String(v)}" is not a time: use yyyy-MM-dd HH:mm:ss or ISO 8601` });
    return z.NEVER;
  }
  // Valid JavaScript dates reach year ±275760; the databases and ISO text do not (500 before).
  if (date.getTime() < MIN_TIME || date.getTime() > MAX_TIME) {
    ctx.addIssue({ code: "custom", message: `"${String(v)}" is out of range: years 1 to 9999 only` });
    return z.NEVER;
  }
  return date;
});
