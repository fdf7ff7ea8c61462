/** The time columns the list can filter and sort by, as the URL and the API name them. */
export const timeRanges = [
  { name: "created", label: "Created", sort: "createTime" },
  { name: "updated", label: "Updated", sort: "updateTime" },
  { name: "accessed", label: "Accessed", sort: "accessTime" },
] as const;

/** URL parameters the contexts page keeps (the API's names); times are the viewer's local time. */
export const listParamNames = [
  "user",
  "application",
  ...timeRanges.flatMap((r) => [`${r.name}From`, `${r.name}To`]),
  "sort",
  "order",
] as const;

/**
 * The API query for the page's URL: local times (datetime-local values) become ISO 8601 so
 * the server reads the instant the viewer meant, whatever its own time zone.
 */
export function listApiQuery(params: URLSearchParams): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of listParamNames) {
    const value = params.get(name);
    if (!value) continue;
    const isTime = name.endsWith("From") || name.endsWith("To");
    const date = isTime ? new Date(value) : null;
    query.set(name, date && !Number.isNaN(date.getTime()) ? date.toISOString() : value);
  }
  return query;
}
