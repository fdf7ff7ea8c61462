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

export const dateInput = z.union([z.string(), z.number(), z.date()]).transform((v, ctx) => {
  const date = typeof v === "string" ? parseDateText(v) : new Date(v);
  if (!date || Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: "custom", message: `"${String(v)}" is not a time: use yyyy-MM-dd HH:mm:ss or ISO 8601` });
    return z.NEVER;
  }
  return date;
});
