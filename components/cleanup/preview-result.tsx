"use client";

import { useQueries } from "@tanstack/react-query";
import Link from "next/link";
import { fetchJson } from "../api/fetch-json.ts";
import { contextHref } from "../contexts/context-href.ts";
import { contextDetailSchema } from "../contexts/context-schemas.ts";
import { formatBytes, formatTime } from "../format/format.ts";
import type { Preview } from "./cleanup-schemas.ts";
import { contextsListHref, type BoundValues } from "./time-bounds.ts";

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
      <div className="table-scroll">
        <table aria-label="Contexts to delete">
          <thead>
            <tr>
              <th>Context id</th>
              <th>User</th>
              <th>Application</th>
              <th>Created</th>
              <th>Updated</th>
              <th>Accessed</th>
              <th>Entries</th>
              <th>Size (if cached)</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((id, i) => {
              const d = details[i]?.data;
              const entries = d ? Object.values(d.entryCounts).reduce((a, b) => a + b, 0) : undefined;
              return (
                <tr key={id}>
                  <td>
                    <Link href={contextHref(id)}>
                      <code>{id}</code>
                    </Link>
                  </td>
                  <td>{d ? (d.context.user ?? "—") : "…"}</td>
                  <td>{d ? (d.context.application ?? "—") : "…"}</td>
                  <td>{d ? formatTime(d.context.createTime) : "…"}</td>
                  <td>{d ? formatTime(d.context.updateTime) : "…"}</td>
                  <td>{d ? formatTime(d.context.accessTime) : "…"}</td>
                  <td>{entries ?? "…"}</td>
                  <td>{d?.metrics ? formatBytes(d.metrics.bytes) : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
