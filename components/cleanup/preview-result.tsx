"use client";

import { useQueries } from "@tanstack/react-query";
import Link from "next/link";
import { fetchJson } from "../api/fetch-json.ts";
import { contextHref } from "../contexts/context-href.ts";
import { contextDetailSchema } from "../contexts/context-schemas.ts";
import { formatBytes, formatTime } from "../format/format.ts";
import type { Preview } from "./cleanup-schemas.ts";
import { contextsListHref, type BoundValues } from "./time-bounds.ts";
import { DataTable } from "../table/data-table.tsx";

/** How many of the previewed contexts are shown with their details (one request each). */
const DETAILED = 10;

/**
 * What a clear with these bounds would delete: the count, the first contexts with who made
 * them, when, and how big, each linking to its page, and the whole selection in the contexts list.
 */
export function PreviewResult({ preview, values }: { preview: Preview; values: BoundValues }) {
  const count = Number(preview.num);
  const shown = preview.contextIDs.slice(0, DETAILED);
  const details = useQueries({
    queries: shown.map((id) => ({
      queryKey: ["context", id],
      queryFn: () => fetchJson(`/api/v1/contexts/${encodeURIComponent(id)}`, contextDetailSchema),
    })),
  });
  if (count === 0)
    return (
      <p className="muted" data-testid="preview-count">
        No context matches these bounds: nothing to delete.
      </p>
    );
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      <p data-testid="preview-count">
        <strong>{count}</strong> {count === 1 ? "context matches" : "contexts match"} these bounds.
        {count > shown.length && ` The first ${shown.length} (oldest first):`}{" "}
        <Link href={contextsListHref(values)}>Open all of them in the contexts list</Link>
      </p>
      <DataTable
        label="Contexts to delete"
        rows={shown.map((id, i) => ({ id, d: details[i]?.data }))}
        rowKey={(r) => r.id}
        columns={[
          {
            header: "Context id",
            cell: ({ id }) => (
              <Link href={contextHref(id)}>
                <code>{id}</code>
              </Link>
            ),
          },
          // "…" while a context's details are on their way.
          { header: "User", cell: ({ d }) => (d ? (d.context.user ?? "—") : "…") },
          { header: "Application", cell: ({ d }) => (d ? (d.context.application ?? "—") : "…") },
          { header: "Created", cell: ({ d }) => (d ? formatTime(d.context.createTime) : "…") },
          { header: "Updated", cell: ({ d }) => (d ? formatTime(d.context.updateTime) : "…") },
          { header: "Accessed", cell: ({ d }) => (d ? formatTime(d.context.accessTime) : "…") },
          {
            header: "Entries",
            cell: ({ d }) => (d ? Object.values(d.entryCounts).reduce((a, b) => a + b, 0) : "…"),
          },
          { header: "Size (if cached)", cell: ({ d }) => (d?.metrics ? formatBytes(d.metrics.bytes) : "—") },
        ]}
      />
    </section>
  );
}
