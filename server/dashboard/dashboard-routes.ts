import type { Route } from "../http/route.ts";
import { contextDetail } from "./context-detail.ts";
import { dashboardRoute } from "../http/dashboard-route.ts";
import { listContexts, listContextsQuery } from "./list-contexts.ts";
import { listEntries, listEntriesQuery } from "./list-entries.ts";
import { queryObject } from "../core/paging/query-params.ts";
import { entryValueQuery, readEntryValue } from "./read-entry-value.ts";
import { searchKeywords, searchQuery } from "./search-keywords.ts";
import type { DashboardDeps } from "./context-detail.ts";

/** The dashboard's read API (API.md "Dashboard read API"): cursor-paged, JSON, role `read`. */
export const dashboardRoutes = (services: DashboardDeps): Route[] => [
  dashboardRoute("contexts", { query: listContextsQuery }, async ({ url }) =>
    listContexts(services.db, services.provider, services.cache, listContextsQuery.parse(queryObject(url))),
  ),

  dashboardRoute("contexts/:id", async ({ params }) => contextDetail(services, params.id!)),

  dashboardRoute("contexts/:id/entries", { query: listEntriesQuery }, async ({ url, params }) =>
    listEntries(services.db, params.id!, listEntriesQuery.parse(queryObject(url))),
  ),

  dashboardRoute("contexts/:id/value", { query: entryValueQuery }, async ({ url, params }) =>
    readEntryValue(services.db, params.id!, entryValueQuery.parse(queryObject(url))),
  ),

  dashboardRoute("search", { query: searchQuery }, async ({ url }) =>
    searchKeywords(services.db, services.provider, searchQuery.parse(queryObject(url))),
  ),
];
