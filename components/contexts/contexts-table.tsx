"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import Link from "next/link";
import { formatBytes, formatTime } from "../format/format.ts";
import { contextHref } from "./context-href.ts";
import type { ContextRow } from "./context-schemas.ts";

/** The list's sort as the URL and the API name it. */
export interface ListSort {
  sort: string;
  order: "asc" | "desc";
}

interface Props {
  rows: ContextRow[];
  sort: ListSort;
  onSort(next: ListSort): void;
  /** Admins tick rows to clear them; absent for viewers. */
  selection?: { selected: ReadonlySet<string>; toggle(id: string, on: boolean): void; setAll(on: boolean): void };
}

// Columns the server can sort by, under the API's sort names. Memory and accesses exist only
// for cached contexts, so their columns appear when the list is sorted by them.
const timeColumn = (id: "createTime" | "updateTime" | "accessTime", header: string): ColumnDef<ContextRow> => ({
  id,
  header,
  accessorFn: (r) => r[id],
  cell: ({ getValue }) => {
    const [date, time] = formatTime(getValue<string>()).split(" ");
    return (
      <>
        <span className="nowrap">{date}</span> <span className="nowrap">{time}</span>
      </>
    );
  },
});

const baseColumns: ColumnDef<ContextRow>[] = [
  {
    id: "contextId",
    header: "Context id",
    enableSorting: false,
    cell: ({ row: { original: c } }) => (
      <>
        <Link href={contextHref(c.contextId)}>
          <code>{c.contextId}</code>
        </Link>
        {c.cached && (
          <span className="tag" title="In the server's memory cache">
            cached
          </span>
        )}
      </>
    ),
  },
  { id: "user", header: "User", enableSorting: false, accessorFn: (r) => r.user ?? "—" },
  { id: "application", header: "Application", enableSorting: false, accessorFn: (r) => r.application ?? "—" },
  { id: "entries", header: "Entries", enableSorting: false, accessorFn: (r) => r.entryCount },
  timeColumn("createTime", "Created"),
  timeColumn("updateTime", "Updated"),
  timeColumn("accessTime", "Accessed"),
];

const metricColumns: Record<string, ColumnDef<ContextRow>> = {
  bytes: { id: "bytes", header: "Memory", accessorFn: (r) => (r.bytes === undefined ? "—" : formatBytes(r.bytes)) },
  accesses: { id: "accesses", header: "Accesses", accessorFn: (r) => r.accesses ?? "—" },
};

/**
 * The contexts of the list's loaded pages, sorted by the server (manual sorting): a header
 * click changes the URL's sort, which refetches. The sorted column is marked with aria-sort.
 */
export function ContextsTable({ rows, sort, onSort, selection }: Props) {
  const columns = [...baseColumns, ...(metricColumns[sort.sort] ? [metricColumns[sort.sort]!] : [])];
  const sorting: SortingState = [{ id: sort.sort, desc: sort.order === "desc" }];
  // The table instance is used in this render only and handed to no memoized child, which is
  // what the rule warns about.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.contextId,
    manualSorting: true,
    enableSortingRemoval: false,
    sortDescFirst: true,
    state: { sorting },
    onSortingChange: (updater) => {
      const [next] = typeof updater === "function" ? updater(sorting) : updater;
      if (next) onSort({ sort: next.id, order: next.desc ? "desc" : "asc" });
    },
  });
  const allPicked =
    selection !== undefined && rows.length > 0 && rows.every((r) => selection.selected.has(r.contextId));
  return (
    <div className="table-scroll">
      <table aria-label="Contexts" className="contexts-table">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {selection && (
                <th>
                  <input
                    type="checkbox"
                    aria-label="Select all shown"
                    checked={allPicked}
                    onChange={(e) => selection.setAll(e.target.checked)}
                  />
                </th>
              )}
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button type="button" className="sort-header" onClick={header.column.getToggleSortingHandler()}>
                        {label}
                        <span aria-hidden="true">{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}</span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {selection && (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.id}`}
                    checked={selection.selected.has(row.id)}
                    onChange={(e) => selection.toggle(row.id, e.target.checked)}
                  />
                </td>
              )}
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
