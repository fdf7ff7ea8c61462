import { format } from "date-fns";
import Link from "next/link";
import { contextHref } from "../contexts/context-href.ts";
import type { EventRow } from "./event-log.ts";
import { previewValue } from "./preview-value.ts";

/** The stream's events, newest first, each linking to its context (and entry, for key events). */
export function EventTable({ rows }: { rows: EventRow[] }) {
  return (
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
          <tr key={e.seq}>
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
                <code className="clip line" title={previewValue(e.value, 1000)}>
                  {previewValue(e.value)}
                </code>
              ) : (
                "—"
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
