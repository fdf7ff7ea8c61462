/** The seed's six time bounds, in the order the form shows them. */
export const timeBounds = [
  { name: "createTimeStart", label: "Created from" },
  { name: "createTimeEnd", label: "Created to" },
  { name: "updateTimeStart", label: "Updated from" },
  { name: "updateTimeEnd", label: "Updated to" },
  { name: "accessTimeStart", label: "Accessed from" },
  { name: "accessTimeEnd", label: "Accessed to" },
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
