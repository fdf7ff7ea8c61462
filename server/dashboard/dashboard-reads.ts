import { contextDetail, type DashboardDeps } from "./context-detail.ts";
import { listContexts, type ListContextsQuery } from "./list-contexts.ts";
import { listEntries, type ListEntriesQuery } from "./list-entries.ts";
import { readEntryValue, type EntryValueQuery } from "./read-entry-value.ts";
import { searchKeywords, type SearchQuery } from "./search-keywords.ts";

/**
 * The dashboard's read queries over one database, cache and history store, built once by the
 * wiring: its routes get this, never the database.
 */
export class DashboardReads {
  constructor(private readonly deps: DashboardDeps) {}

  listContexts(q: ListContextsQuery) {
    return listContexts(this.deps.db, this.deps.provider, this.deps.cache, q);
  }

  contextDetail(publicId: string) {
    return contextDetail(this.deps, publicId);
  }

  listEntries(publicId: string, q: ListEntriesQuery) {
    return listEntries(this.deps.db, this.deps.provider, publicId, q);
  }

  readEntryValue(publicId: string, q: EntryValueQuery) {
    return readEntryValue(this.deps.db, publicId, q);
  }

  searchKeywords(q: SearchQuery) {
    return searchKeywords(this.deps.db, this.deps.provider, q);
  }
}
