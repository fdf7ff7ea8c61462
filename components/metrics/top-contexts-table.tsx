import Link from "next/link";
import { contextHref } from "../contexts/context-href.ts";
import { formatBytes, formatTime } from "../format/format.ts";
import type { TopContext } from "./metrics-schema.ts";

/** The cached contexts with the most bytes, or the most accesses, each linking to its page. */
export function TopContextsTable({ title, rows }: { title: string; rows: TopContext[] }) {
  return (
    <section className="top-contexts">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">No context is in memory yet.</p>
      ) : (
        <table aria-label={title}>
          <thead>
            <tr>
              <th>Context id</th>
              <th>Bytes</th>
              <th>Entries</th>
              <th>Accesses</th>
              <th>Rate</th>
              <th>Last access</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.contextId}>
                <td>
                  <Link href={contextHref(c.contextId)}>
                    <code>{c.contextId}</code>
                  </Link>
                  {c.user && <div className="muted">{c.user}</div>}
                </td>
                <td>{formatBytes(c.bytes)}</td>
                <td>{c.entries}</td>
                <td>{c.accessCount}</td>
                <td>{c.accessRate.toFixed(2)}/s</td>
                <td>{formatTime(c.lastAccess)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
