"use client";

/** The next page of a paged list, on request; nothing once the last page is in. */
export function LoadMore({
  query,
  what,
}: {
  query: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage: () => unknown;
    isFetchNextPageError: boolean;
    error: Error | null;
  };
  what: string;
}) {
  // Nothing to offer: no empty row widening the gap under the list.
  if (!query.hasNextPage && !query.isFetchNextPageError) return null;
  return (
    <div className="row load-more">
      {query.hasNextPage && (
        <button
          type="button"
          className="secondary"
          disabled={query.isFetchingNextPage}
          onClick={() => query.fetchNextPage()}
        >
          {query.isFetchingNextPage ? "Loading…" : `Load more ${what}`}
        </button>
      )}
      {query.isFetchNextPageError && (
        <span role="alert" className="error">
          Could not load more: {query.error?.message}
        </span>
      )}
    </div>
  );
}
