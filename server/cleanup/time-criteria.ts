import { z } from "zod";
import { dateInput } from "../core/date-input.ts";

const bounds = [
  "createTimeStart",
  "createTimeEnd",
  "updateTimeStart",
  "updateTimeEnd",
  "accessTimeStart",
  "accessTimeEnd",
] as const;
export type TimeBound = (typeof bounds)[number];

// Linkis's client sends every unset bound as null: null means unset.
const optionalBound = dateInput.nullish().transform((d) => d ?? undefined);
const timeBoundsShape = Object.fromEntries(bounds.map((b) => [b, optionalBound])) as Record<
  TimeBound,
  typeof optionalBound
>;

/** At least one bound, and no start after its end. */
function checkBounds(c: Partial<Record<TimeBound, Date>>, ctx: z.RefinementCtx) {
  if (!bounds.some((b) => c[b]))
    ctx.addIssue({ code: "custom", message: `give at least one time bound (${bounds.join(", ")})`, path: [] });
  for (const field of ["create", "update", "access"] as const) {
    const start = c[`${field}TimeStart`];
    const end = c[`${field}TimeEnd`];
    if (start && end && start > end)
      ctx.addIssue({ code: "custom", path: [`${field}TimeStart`], message: `is after ${field}TimeEnd` });
  }
}

/** The seed's six time bounds (yyyy-MM-dd HH:mm:ss or ISO 8601), plus any extra fields given. */
export const timeCriteriaWith = <T extends z.ZodRawShape>(extra: T) =>
  z
    .object({ ...timeBoundsShape, ...extra })
    .superRefine((c, ctx) => checkBounds(c as Partial<Record<TimeBound, Date>>, ctx));

export const timeCriteriaSchema = timeCriteriaWith({});

export type TimeCriteria = Partial<Record<TimeBound, Date>>;

const range = (start?: Date, end?: Date) =>
  start || end ? { ...(start && { gte: start }), ...(end && { lte: end }) } : undefined;

/** The context_id filter for the criteria (each bound inclusive); served by the three time indexes. */
export function timeWhere(c: TimeCriteria) {
  return {
    ...(range(c.createTimeStart, c.createTimeEnd) && { createTime: range(c.createTimeStart, c.createTimeEnd) }),
    ...(range(c.updateTimeStart, c.updateTimeEnd) && { updateTime: range(c.updateTimeStart, c.updateTimeEnd) }),
    ...(range(c.accessTimeStart, c.accessTimeEnd) && { accessTime: range(c.accessTimeStart, c.accessTimeEnd) }),
  };
}

/** True when two criteria could select a common context: their boxes overlap on every time axis. */
export function criteriaOverlap(a: TimeCriteria, b: TimeCriteria): boolean {
  return (["create", "update", "access"] as const).every((f) => {
    const [as, ae, bs, be] = [a[`${f}TimeStart`], a[`${f}TimeEnd`], b[`${f}TimeStart`], b[`${f}TimeEnd`]];
    return (!as || !be || as <= be) && (!bs || !ae || bs <= ae);
  });
}

/** The criteria as JSON for the audit log and job rows (ISO times). */
export const criteriaJson = (c: TimeCriteria) =>
  Object.fromEntries(
    Object.entries(c)
      .filter(([, v]) => v)
      .map(([k, v]) => [k, (v as Date).toISOString()]),
  );
