"use client";

import { useState } from "react";
import { ClearSelected } from "../contexts/clear-selected.tsx";

/** The ids in pasted text: separated by spaces, commas, semicolons or new lines; each once. */
export const parseIds = (text: string) => [...new Set(text.split(/[\s,;]+/).filter(Boolean))];

/**
 * Clears hand-picked contexts by id, pasted rather than ticked in the list (the same
 * clearAllContextByID and confirmation as the list's). Ids that do not exist are skipped; the
 * answer says how many were cleared.
 */
export function ClearByIds({ onCleared }: { onCleared(): void }) {
  const [text, setText] = useState("");
  const [result, setResult] = useState<{ asked: number; cleared: number } | null>(null);
  const ids = parseIds(text);
  const n = ids.length;
  return (
    <section aria-labelledby="clear-ids-heading" className="panel clear-by-ids">
      <h2 id="clear-ids-heading">Clear by ids</h2>
      <label>
        Context ids, one per line (or separated by spaces or commas)
        <textarea
          name="ids"
          rows={4}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setResult(null);
          }}
        />
      </label>
      <div className="row">
        <ClearSelected
          ids={ids}
          label={n ? `Clear ${n} ${n === 1 ? "context" : "contexts"} by id` : "Clear by id"}
          onCleared={(cleared) => {
            setResult({ asked: n, cleared });
            setText("");
            onCleared();
          }}
        />
        {result && (
          <span role="status" data-testid="clear-by-ids-result">
            Cleared {result.cleared} of {result.asked} {result.asked === 1 ? "context" : "contexts"}
            {result.cleared < result.asked ? " (the others did not exist)" : ""}.
          </span>
        )}
      </div>
    </section>
  );
}
