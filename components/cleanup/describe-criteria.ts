import { formatTime } from "../format/format.ts";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * An audit line's criteria in a line: time bounds in local time, an id list by its length.
 * Clears write `{kind, criteria | rowIds}`, searches and previews the bounds themselves.
 */
export function describeCriteria(criteria: unknown): string {
  if (!isRecord(criteria)) return "—";
  if (Array.isArray(criteria.rowIds)) return `${criteria.rowIds.length} ids`;
  const bounds = isRecord(criteria.criteria) ? criteria.criteria : criteria;
  const parts = Object.entries(bounds)
    .filter(([k]) => k !== "kind")
    .map(([k, v]) => `${k} ${/Time(Start|End)$/.test(k) && typeof v === "string" ? formatTime(v) : String(v)}`);
  return parts.length ? parts.join(", ") : "—";
}
