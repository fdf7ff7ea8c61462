import { localTimeToIso } from "../format/format.ts";

/**
 * The audit log's filters as the Cleanup page's URL holds them (prefixed, beside the cleanup
 * bounds) and as GET /api/v1/audit takes them. Times are datetime-local values in the URL and
 * ISO 8601 for the server, so it never guesses the browser's zone.
 */
export const auditFilterNames = ["action", "actor", "outcome", "from", "to"] as const;
export type AuditFilterName = (typeof auditFilterNames)[number];

export const urlName = (name: AuditFilterName) => `audit${name[0]!.toUpperCase()}${name.slice(1)}`;

/** Where every audit-log address starts: the page refreshes them all after a preview or a clear. */
export const AUDIT_PATH = "/api/v1/audit?";

/** The API address of the first page of the log filtered as the page's URL says. */
export function auditUrl(params: URLSearchParams) {
  const query = new URLSearchParams({ limit: "20" });
  for (const name of auditFilterNames) {
    const value = params.get(urlName(name));
    if (!value) continue;
    query.set(name, name === "from" || name === "to" ? localTimeToIso(value) : value);
  }
  return `${AUDIT_PATH}${query}`;
}

/** How the log and its filter name an outcome, where the server's word is not the page's. */
export const outcomeLabel: Record<string, string> = { "dry-run": "preview" };
