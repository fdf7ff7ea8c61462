import type { HTMLAttributes, ReactNode } from "react";

/** One column: its header, and what a row shows in it. */
export interface Column<Row> {
  header: ReactNode;
  cell(row: Row): ReactNode;
  /** Class of the column's cells, e.g. a narrow figure or a clipped value. */
  className?: string;
}

/**
 * A labelled table of rows, one cell per column, inside a box that scrolls sideways when the
 * page is narrower than the table (at 820 px a wide table otherwise pushed the page past the
 * window). For the dashboard's plain lists; the contexts list sorts with @tanstack/react-table.
 */
export function DataTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  rowProps,
}: {
  label: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string | number;
  /** Attributes of a row's <tr> (a test id, a class). */
  rowProps?(row: Row): HTMLAttributes<HTMLTableRowElement> & { "data-testid"?: string };
}) {
  return (
    <div className="table-scroll">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c, i) => (
                <td key={i} className={c.className}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
