"use client";

/** What every view shows while its data is not there: a loading line, or the error with a retry. */
export function QueryStatus({
  query,
  what,
}: {
  query: { isPending: boolean; isError: boolean; error: Error | null; refetch: () => unknown };
  what: string;
}) {
  if (query.isError) {
    return (
      <div role="alert" className="error row">
        <span>
          Could not load {what}: {query.error?.message}
        </span>
        <button type="button" className="secondary" onClick={() => query.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  if (query.isPending) {
    return (
      <p role="status" className="muted">
        Loading {what}…
      </p>
    );
  }
  return null;
}
