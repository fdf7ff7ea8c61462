import { localTimeToIso } from "../format/format.ts";

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
  "limit",
] as const;

/** Rows per page the list offers; the API's default is the first page size it shows. */
export const pageSizes = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

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
    query.set(name, isTime ? localTimeToIso(value) : value);
  }
  return query;
}
