"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useIsAdmin } from "../auth/role-context.tsx";
import { formatTime } from "../format/format.ts";
import { LoadMore } from "../query/load-more.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { usePagedQuery } from "../query/use-paged-query.ts";
import { useUrlParams } from "../url/use-url-params.ts";
import { ClearSelected } from "./clear-selected.tsx";
import { contextHref } from "./context-href.ts";
import { listApiQuery } from "./context-list-params.ts";
import { contextRowSchema } from "./context-schemas.ts";

/** The contexts the URL's filters select, a page at a time from the server. */
export function ContextList() {
  const { params } = useUrlParams();
  const query = listApiQuery(params).toString();
  const list = usePagedQuery(`/api/v1/contexts?${query}`, contextRowSchema);
  const isAdmin = useIsAdmin();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [cleared, setCleared] = useState<number | null>(null);
  if (!list.isSuccess) return <QueryStatus query={list} what="contexts" />;
  const rows = list.data.pages.flatMap((p) => p.items);
  // Only rows still listed count: a refetch may have dropped some since they were ticked.
  const picked = rows.filter((r) => selected.has(r.contextId)).map((r) => r.contextId);
  const allPicked = rows.length > 0 && picked.length === rows.length;
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <>
      {isAdmin && (
        <div className="row actions-bar">
          <ClearSelected
            ids={picked}
            onCleared={(count) => {
              setSelected(new Set());
              setCleared(count);
              void queryClient.invalidateQueries({ queryKey: ["paged"] });
            }}
          />
          {cleared !== null && (
            <span role="status" className="ok">
              Cleared {cleared} {cleared === 1 ? "context" : "contexts"}.
            </span>
          )}
        </div>
      )}
      {rows.length === 0 ? (
        <p className="muted">No contexts match these filters.</p>
      ) : (
        <table aria-label="Contexts">
          <thead>
            <tr>
              {isAdmin && (
                <th>
                  <input
                    type="checkbox"
                    aria-label="Select all shown"
                    checked={allPicked}
                    onChange={(e) => setSelected(new Set(e.target.checked ? rows.map((r) => r.contextId) : []))}
                  />
                </th>
              )}
              <th>Context id</th>
              <th>User</th>
              <th>Application</th>
              <th>Entries</th>
              <th>Created</th>
              <th>Updated</th>
              <th>Accessed</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.contextId}>
                {isAdmin && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select ${c.contextId}`}
                      checked={selected.has(c.contextId)}
                      onChange={(e) => toggle(c.contextId, e.target.checked)}
                    />
                  </td>
                )}
                <td>
                  <Link href={contextHref(c.contextId)}>
                    <code>{c.contextId}</code>
                  </Link>
                  {c.cached && (
                    <span className="tag" title="In the server's memory cache">
                      cached
                    </span>
                  )}
                </td>
                <td>{c.user ?? "—"}</td>
                <td>{c.application ?? "—"}</td>
                <td>{c.entryCount}</td>
                <td>{formatTime(c.createTime)}</td>
                <td>{formatTime(c.updateTime)}</td>
                <td>{formatTime(c.accessTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        {rows.length} shown{list.hasNextPage ? ", more on the server" : ""}.
      </p>
      <LoadMore query={list} what="contexts" />
    </>
  );
}
