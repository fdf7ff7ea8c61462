import type { Route } from "../http/route.ts";
import { dashboardRoute } from "../http/dashboard-route.ts";
import { listContextsQuery } from "./list-contexts.ts";
import { listEntriesQuery } from "./list-entries.ts";
import { queryObject } from "../core/paging/query-params.ts";
import { entryValueQuery } from "./read-entry-value.ts";
import { searchQuery } from "./search-keywords.ts";
import type { DashboardReads } from "./dashboard-reads.ts";

/** The dashboard's read API (docs/API.md "Dashboard read API"): cursor-paged, JSON, role `read`. */
export const dashboardRoutes = ({ reads }: { reads: DashboardReads }): Route[] => [
  dashboardRoute("contexts", { query: listContextsQuery }, async ({ url }) =>
    reads.listContexts(listContextsQuery.parse(queryObject(url))),
  ),

  dashboardRoute("contexts/:id", async ({ params }) => reads.contextDetail(params.id!)),

  dashboardRoute("contexts/:id/entries", { query: listEntriesQuery }, async ({ url, params }) =>
    reads.listEntries(params.id!, listEntriesQuery.parse(queryObject(url))),
  ),

  dashboardRoute("contexts/:id/value", { query: entryValueQuery }, async ({ url, params }) =>
    reads.readEntryValue(params.id!, entryValueQuery.parse(queryObject(url))),
  ),

  dashboardRoute("search", { query: searchQuery }, async ({ url }) =>
    reads.searchKeywords(searchQuery.parse(queryObject(url))),
  ),
];
