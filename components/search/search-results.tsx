"use client";

import Link from "next/link";
import { contextHref } from "../contexts/context-href.ts";
import { LoadMore } from "../query/load-more.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { usePagedQuery } from "../query/use-paged-query.ts";
import { useUrlParams } from "../url/use-url-params.ts";
import { matchModes } from "./match-modes.ts";
import { searchHitSchema } from "./search-hit-schema.ts";
import { DataTable } from "../table/data-table.tsx";

const matchWords: Record<string, string> = { contains: "containing", prefix: "starting with", exact: "equal to" };

/** The entries of every context whose key or keywords match the URL's text, each linked to its context. */
export function SearchResults() {
  const { params } = useUrlParams();
  const q = params.get("q")?.trim() ?? "";
  const match = params.get("match") ?? matchModes[0].value;
  const query = new URLSearchParams({ q, match });
  for (const name of ["type", "scope", "contextId"]) if (params.get(name)) query.set(name, params.get(name)!);
  const hits = usePagedQuery(`/api/v1/search?${query}`, searchHitSchema, { enabled: q !== "" });
  if (!q)
    return (
      <p className="muted">
        Enter text to search the entries of all contexts: part of a key, of a keyword its writer gave, or of one the
        keyword rules derive (a table&apos;s name or location).
      </p>
    );
  if (!hits.isSuccess) return <QueryStatus query={hits} what="search results" />;
  const rows = hits.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) {
    return (
      <p className="muted">
        No entry has a key or keyword {matchWords[match] ?? match} <code>{q}</code>
        {query.size > 2 ? " with these filters" : ""}.
      </p>
    );
  }
  return (
    <>
      <DataTable
        label="Search results"
        rows={rows}
        rowKey={(h) => `${h.contextId}/${h.contextType}/${h.key}`}
        columns={[
          {
            header: "Key",
            cell: (h) => (
              <Link href={contextHref(h.contextId, h)}>
                <code>{h.key}</code>
              </Link>
            ),
          },
          {
            header: "Context",
            cell: (h) => (
              <Link href={contextHref(h.contextId)}>
                <code>{h.contextId}</code>
              </Link>
            ),
          },
          { header: "Type", cell: (h) => h.contextType },
          { header: "Scope", cell: (h) => h.contextScope },
          { header: "Value type", cell: (h) => h.valueType ?? "—" },
          { header: "Keywords", cell: (h) => h.keywords.join(", "), className: "keywords-cell" },
          {
            header: "Value",
            cell: (h) => (
              <code className="clip">
                {h.preview}
                {h.truncated ? "…" : ""}
              </code>
            ),
          },
        ]}
      />
      <LoadMore query={hits} what="results" />
    </>
  );
}
