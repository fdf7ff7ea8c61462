"use client";

import { format } from "date-fns";
import Link from "next/link";
import { Fragment, useState } from "react";
import { contextHref } from "../contexts/context-href.ts";
import type { EventRow } from "./event-log.ts";
import { previewValue } from "./preview-value.ts";

const pretty = (value: unknown) => {
  try {
    return JSON.stringify(value, null, 2) ?? "null";
  } catch {
    return String(value);
  }
};

/**
 * The stream's events, newest first, each linking to its context (and entry, for key events);
 * a value opens in full under its row.
 */
export function EventTable({ rows }: { rows: EventRow[] }) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (seq: number) =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });
  // Its own markup, not DataTable: a row's value opens in a second row under it.
  return (
    <div className="table-scroll">
      <table aria-label="Live events">
        <thead>
          <tr>
            <th>Received</th>
            <th>Context id</th>
            <th>Revision</th>
            <th>Op</th>
            <th>Type</th>
            <th>Key</th>
            <th>Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <Fragment key={e.seq}>
              <tr>
                <td>{format(e.receivedAt, "HH:mm:ss.SSS")}</td>
                <td>
                  <Link
                    href={contextHref(
                      e.contextId,
                      e.contextType && e.key !== null && e.op !== "removed"
                        ? { contextType: e.contextType, key: e.key }
                        : undefined,
                    )}
                  >
                    <code>{e.contextId}</code>
                  </Link>
                </td>
                <td>{e.revision}</td>
                <td>
                  <span className={`op op-${e.op}`}>{e.op}</span>
                </td>
                <td>{e.contextType ?? "—"}</td>
                <td>{e.key === null ? "—" : <code>{e.key}</code>}</td>
                <td>
                  {e.op === "created" || e.op === "updated" ? (
                    <button
                      type="button"
                      className="link value-toggle"
                      aria-expanded={open.has(e.seq)}
                      title={open.has(e.seq) ? "Hide the value" : "Show the whole value"}
                      onClick={() => toggle(e.seq)}
                    >
                      <code className="clip line">{previewValue(e.value)}</code>
                    </button>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
              {open.has(e.seq) && (
                <tr className="value-row">
                  <td colSpan={7}>
                    <pre aria-label={`Value of ${e.key ?? e.contextId} at revision ${e.revision}`}>
                      {pretty(e.value)}
                    </pre>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
