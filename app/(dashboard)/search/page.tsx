import { Suspense } from "react";
import { SearchForm } from "@/components/search/search-form.tsx";
import { SearchResults } from "@/components/search/search-results.tsx";

export const metadata = { title: "Search · ContextService" };

export default function SearchPage() {
  return (
    <>
      <h1>Search</h1>
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <SearchForm />
        <SearchResults />
      </Suspense>
    </>
  );
}
