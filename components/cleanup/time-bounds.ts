import { format, subDays } from "date-fns";

/**
 * The seed's six time bounds, in the order the form shows them, each with the contexts list's
 * name for the same bound (so a preview can open the same selection there).
 */
export const timeBounds = [
  { name: "createTimeStart", label: "Created from", listParam: "createdFrom" },
  { name: "createTimeEnd", label: "Created to", listParam: "createdTo" },
  { name: "updateTimeStart", label: "Updated from", listParam: "updatedFrom" },
  { name: "updateTimeEnd", label: "Updated to", listParam: "updatedTo" },
  { name: "accessTimeStart", label: "Accessed from", listParam: "accessedFrom" },
  { name: "accessTimeEnd", label: "Accessed to", listParam: "accessedTo" },
] as const;

export type TimeBoundName = (typeof timeBounds)[number]["name"];
/** datetime-local values (local time, no zone) by bound; empty means unbounded. */
export type BoundValues = Partial<Record<TimeBoundName, string>>;
/** The bounds as the API takes them: ISO 8601, so the server never guesses the browser's zone. */
export type Criteria = Partial<Record<TimeBoundName, string>>;

/** The filled bounds as ISO times; a datetime-local value without a zone is the browser's local time. */
export function toCriteria(values: BoundValues): Criteria {
  return Object.fromEntries(
    timeBounds.flatMap(({ name }) => {
      const value = values[name]?.trim();
      return value ? [[name, new Date(value).toISOString()]] : [];
    }),
  );
}

/** A datetime-local value (the form's format, local time) for a Date. */
export const localValue = (date: Date) => format(date, "yyyy-MM-dd'T'HH:mm:ss");

/** The usual questions, as bounds relative to now. */
export const boundPresets: { label: string; bounds: (now: Date) => BoundValues }[] = [
  { label: "Not accessed for 30 days", bounds: (now) => ({ accessTimeEnd: localValue(subDays(now, 30)) }) },
  { label: "Not updated for 90 days", bounds: (now) => ({ updateTimeEnd: localValue(subDays(now, 90)) }) },
  { label: "Created over a year ago", bounds: (now) => ({ createTimeEnd: localValue(subDays(now, 365)) }) },
];

/** The bounds read from the page's URL (the same names as the API's), so a cleanup can be shared or reloaded. */
export function boundsFromUrl(params: URLSearchParams): BoundValues {
  return Object.fromEntries(timeBounds.flatMap(({ name }) => (params.get(name) ? [[name, params.get(name)!]] : [])));
}

/** The contexts list's address showing the same selection (its time filters are inclusive too). */
export function contextsListHref(values: BoundValues) {
  const query = new URLSearchParams();
  for (const { name, listParam } of timeBounds) if (values[name]) query.set(listParam, values[name]!);
  query.set("sort", "createTime");
  query.set("order", "asc");
  return `/contexts?${query}`;
}
