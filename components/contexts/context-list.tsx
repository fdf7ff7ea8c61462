"use client";

import Link from "next/link";
import { formatTime } from "../format/format.ts";
import { LoadMore } from "../query/load-more.tsx";
import { QueryStatus } from "../query/query-status.tsx";
import { usePagedQuery } from "../query/use-paged-query.ts";
import { useUrlParams } from "../url/use-url-params.ts";
import { contextHref } from "./context-href.ts";
import { listApiQuery } from "./context-list-params.ts";
import { contextRowSchema } from "./context-schemas.ts";

/** The contexts the URL's filters select, a page at a time from the server. */
export function ContextList() {
  const { params } = useUrlParams();
  const query = listApiQuery(params).toString();
  const list = usePagedQuery(`/api/v1/contexts?${query}`, contextRowSchema);
  if (!list.isSuccess) return <QueryStatus query={list} what="contexts" />;
  const rows = list.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) return <p className="muted">No contexts match these filters.</p>;
  return (
    <>
      <table aria-label="Contexts">
        <thead>
          <tr>
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
      <p className="muted">
        {rows.length} shown{list.hasNextPage ? ", more on the server" : ""}.
      </p>
      <LoadMore query={list} what="contexts" />
    </>
  );
}
