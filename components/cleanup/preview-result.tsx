"use client";

import Link from "next/link";
import { contextHref } from "../contexts/context-href.ts";
import type { Preview } from "./cleanup-schemas.ts";

/** What a clear with these bounds would delete: the count and the first ids, each linking to its page. */
export function PreviewResult({ preview }: { preview: Preview }) {
  const count = Number(preview.num);
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
        {count > preview.contextIDs.length && ` The first ${preview.contextIDs.length} (oldest first):`}
      </p>
      <ul className="preview-ids" aria-label="Contexts to delete">
        {preview.contextIDs.map((id) => (
          <li key={id}>
            <Link href={contextHref(id)}>
              <code>{id}</code>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
