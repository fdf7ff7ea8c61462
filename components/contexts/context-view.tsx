"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "../api/fetch-json.ts";
import { QueryStatus } from "../query/query-status.tsx";
import { ContextActions } from "./context-actions.tsx";
import { ContextEntries } from "./context-entries.tsx";
import { ContextFields } from "./context-fields.tsx";
import { ContextHistory } from "./context-history.tsx";
import { ContextMetrics } from "./context-metrics.tsx";
import { contextDetailSchema } from "./context-schemas.ts";

/** One context: its fields, cache metrics, entries by type and history. */
export function ContextView({ contextId }: { contextId: string }) {
  const detail = useQuery({
    queryKey: ["context", contextId],
    queryFn: () => fetchJson(`/api/v1/contexts/${encodeURIComponent(contextId)}`, contextDetailSchema),
  });
  return (
    <>
      <h1>
        Context <code>{contextId}</code>
      </h1>
      {!detail.isSuccess ? (
        <QueryStatus query={detail} what="the context" />
      ) : (
        <>
          <ContextActions
            contextId={contextId}
            entries={Object.values(detail.data.entryCounts).reduce((a, b) => a + b, 0)}
          />
          <ContextFields context={detail.data.context} />
          <ContextEntries contextId={contextId} counts={detail.data.entryCounts} />
          <ContextHistory history={detail.data.history} />
          <ContextMetrics metrics={detail.data.metrics} />
        </>
      )}
    </>
  );
}
