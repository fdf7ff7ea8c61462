"use client";

import { useState } from "react";
import { z } from "zod";
import { ConfirmAction } from "../actions/confirm-action.tsx";
import { postJson } from "../api/post-json.ts";
import { useIsAdmin } from "../auth/role-context.tsx";
import { formatTime } from "../format/format.ts";
import type { EntryRow } from "./context-schemas.ts";
import { EntryValue } from "./entry-value.tsx";
import { useRefreshContext } from "./use-refresh-context.ts";
import { ValueEditor } from "./value-editor.tsx";

const removedSchema = z.object({ removed: z.number() });

/** One entry: key, scope, value type, keywords and value; admins may edit or delete the value. */
export function EntryCard({
  contextId,
  entry,
  focused = false,
}: {
  contextId: string;
  entry: EntryRow;
  focused?: boolean;
}) {
  const isAdmin = useIsAdmin();
  const refresh = useRefreshContext(contextId);
  const [editing, setEditing] = useState(false);
  return (
    <article className={focused ? "panel entry focused" : "panel entry"} aria-label={`Entry ${entry.key}`}>
      <header className="row">
        <h3>
          <code>{entry.key}</code>
        </h3>
        <span className="tag">{entry.contextType}</span>
        <span className="tag">scope {entry.contextScope}</span>
        {entry.valueType && <span className="tag">{entry.valueType}</span>}
        <span className="muted">
          revision {entry.revision} · updated {formatTime(entry.updateTime)}
        </span>
        {isAdmin && (
          <span className="row push-right">
            <button type="button" className="secondary" onClick={() => setEditing(true)} disabled={editing}>
              Edit value
            </button>
            <ConfirmAction
              label="Delete value"
              title={`Delete ${entry.key}?`}
              confirmLabel="Delete value"
              run={() =>
                postJson(
                  `/api/v1/contexts/${encodeURIComponent(contextId)}/value/remove`,
                  { type: entry.contextType, key: entry.key },
                  removedSchema,
                )
              }
              onDone={refresh}
            >
              The {entry.contextType} entry <code>{entry.key}</code> is removed from this context; listeners are told.
              This cannot be undone.
            </ConfirmAction>
          </span>
        )}
      </header>
      <div className="row keywords" aria-label="Keywords">
        <span className="muted">Keywords:</span>
        {entry.keywords.map((k) => (
          <span key={k} className="tag keyword">
            {k}
          </span>
        ))}
      </div>
      {editing ? (
        <ValueEditor
          contextId={contextId}
          entry={entry}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void refresh();
          }}
        />
      ) : (
        <EntryValue contextId={contextId} entry={entry} />
      )}
    </article>
  );
}
