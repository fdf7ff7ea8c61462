"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { z } from "zod";
import { useIsAdmin } from "../auth/role-context.tsx";
import { LoadMore } from "../query/load-more.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { usePagedQuery } from "../query/use-paged-query.ts";
import { useUrlParams } from "../url/use-url-params.ts";
import { ClearSelected } from "./clear-selected.tsx";
import { DEFAULT_PAGE_SIZE, listApiQuery, pageSizes } from "./context-list-params.ts";
import { contextRowSchema } from "./context-schemas.ts";
import { ContextsTable, type ListSort } from "./contexts-table.tsx";
import { describeTotal } from "./list-total.ts";

const totals = {
  total: z.number().optional(),
  totalIs: z.enum(["exact", "estimate", "atLeast"]).optional(),
};

/**
 * The contexts the URL's filters select, a page at a time from the server. The URL keeps the
 * sort, the page size (`limit`) and how many pages are shown (`pages`), so a reload or a shared
 * link shows the same rows.
 */
export function ContextList() {
  const { params, update } = useUrlParams();
  const query = listApiQuery(params).toString();
  const list = usePagedQuery(`/api/v1/contexts?${query}`, contextRowSchema, { extra: totals });
  const isAdmin = useIsAdmin();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [cleared, setCleared] = useState<number | null>(null);
  const wantedPages = Math.max(1, Number(params.get("pages")) || 1);
  const loadedPages = list.data?.pages.length ?? 0;

  // Back to the position the URL names: fetch pages one after another until there.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    if (loadedPages > 0 && loadedPages < wantedPages && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [loadedPages, wantedPages, hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (!list.isSuccess) return <QueryStatus query={list} what="contexts" />;
  const rows = list.data.pages.flatMap((p) => p.items);
  const first = list.data.pages[0];
  const sort: ListSort = {
    sort: params.get("sort") ?? "createTime",
    order: params.get("order") === "asc" ? "asc" : "desc",
  };
  // Only rows still listed count: a refetch may have dropped some since they were ticked.
  const picked = rows.filter((r) => selected.has(r.contextId)).map((r) => r.contextId);
  const pageSize = Number(params.get("limit")) || DEFAULT_PAGE_SIZE;
  return (
    <>
      <div className="row list-bar">
        <span role="status" aria-label="Rows shown" className="muted">
          {describeTotal(rows.length, first?.total, first?.totalIs)}
        </span>
        <label className="inline">
          Rows per page
          <select
            value={pageSize}
            onChange={(e) =>
              update({ limit: e.target.value === String(DEFAULT_PAGE_SIZE) ? "" : e.target.value, pages: "" })
            }
          >
            {pageSizes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {isAdmin && (
          <span className="row push-right">
            {cleared !== null && (
              <span role="status" className="ok">
                Cleared {cleared} {cleared === 1 ? "context" : "contexts"}.
              </span>
            )}
            <ClearSelected
              ids={picked}
              onCleared={(count) => {
                setSelected(new Set());
                setCleared(count);
                void queryClient.invalidateQueries({ queryKey: ["paged"] });
              }}
            />
          </span>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="muted">No contexts match these filters.</p>
      ) : (
        <ContextsTable
          rows={rows}
          sort={sort}
          onSort={(next) =>
            update({
              sort: next.sort === "createTime" ? "" : next.sort,
              order: next.order === "desc" ? "" : next.order,
              pages: "",
            })
          }
          selection={
            isAdmin
              ? {
                  selected,
                  toggle: (id, on) =>
                    setSelected((s) => {
                      const next = new Set(s);
                      if (on) next.add(id);
                      else next.delete(id);
                      return next;
                    }),
                  setAll: (on) => setSelected(new Set(on ? rows.map((r) => r.contextId) : [])),
                }
              : undefined
          }
        />
      )}
      <LoadMore
        // Loading more is a change of position: it goes to the URL, and the effect above fetches.
        query={{ ...list, fetchNextPage: () => update({ pages: String(loadedPages + 1) }, "replace") }}
        what="contexts"
      />
    </>
  );
}
