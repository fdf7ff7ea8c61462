"use client";

import { z } from "zod";
import { ConfirmAction } from "../actions/confirm-action.tsx";
import { postJson } from "../api/post-json.ts";

const REST = "/api/rest_j/v1/contextservice";
const clearedSchema = z.object({ data: z.object({ num: z.string() }) });

/**
 * Clears the contexts an admin ticked in the list, by id (Linkis's clearAllContextByID: audited,
 * listeners told, cache dropped), after typing how many.
 */
export function ClearSelected({
  ids,
  onCleared,
  label,
}: {
  ids: string[];
  onCleared(count: number): void;
  /** The button's text; "Clear N selected" when absent. */
  label?: string;
}) {
  const n = ids.length;
  return (
    <ConfirmAction
      label={label ?? `Clear ${n} selected`}
      title={`Clear ${n} ${n === 1 ? "context" : "contexts"}?`}
      confirmLabel={`Clear ${n} ${n === 1 ? "context" : "contexts"}`}
      typed={String(n)}
      disabled={n === 0}
      run={() => postJson(`${REST}/clearAllContextByID`, { idList: ids }, clearedSchema)}
      onDone={(answer) => onCleared(Number((answer as z.infer<typeof clearedSchema>).data.num))}
    >
      <p>These contexts are removed with their values, history and listener bindings; this cannot be undone:</p>
      <ul className="dialog-list">
        {ids.map((id) => (
          <li key={id}>
            <code>{id}</code>
          </li>
        ))}
      </ul>
    </ConfirmAction>
  );
}
