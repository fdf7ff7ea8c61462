import type { Route } from "../http/route.ts";
import { contextDetail } from "./context-detail.ts";
import { dashboardRoute } from "../http/dashboard-route.ts";
import { listContexts, listContextsQuery } from "./list-contexts.ts";
import { listEntries, listEntriesQuery } from "./list-entries.ts";
import { queryObject } from "../core/paging/query-params.ts";
import { entryValueQuery, readEntryValue } from "./read-entry-value.ts";
import { searchKeywords, searchQuery } from "./search-keywords.ts";

/** The dashboard's read API (API.md "Dashboard read API"): cursor-paged, JSON, role `read`. */
export const dashboardRoutes: Route[] = [
  dashboardRoute("contexts", async ({ url, services }) =>
    listContexts(services.database.prisma, services.cache, listContextsQuery.parse(queryObject(url))),
  ),

  dashboardRoute("contexts/:id", async ({ params, services }) => contextDetail(services, params.id!)),

  dashboardRoute("contexts/:id/entries", async ({ url, params, services }) =>
    listEntries(services.database.prisma, params.id!, listEntriesQuery.parse(queryObject(url))),
  ),

  dashboardRoute("contexts/:id/value", async ({ url, params, services }) =>
    readEntryValue(services.database.prisma, params.id!, entryValueQuery.parse(queryObject(url))),
  ),

  dashboardRoute("search", async ({ url, services }) =>
    searchKeywords(services.database.prisma, searchQuery.parse(queryObject(url))),
  ),
];
