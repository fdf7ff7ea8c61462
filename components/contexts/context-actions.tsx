"use client";

import { useRouter } from "next/navigation";
import { z } from "zod";
import { ConfirmAction } from "../actions/confirm-action.tsx";
import { postJson } from "../api/post-json.ts";
import { useIsAdmin } from "../auth/role-context.tsx";
import { useRefreshContext } from "./use-refresh-context.ts";

const removedSchema = z.object({ removed: z.number() });

/** An admin's actions on the whole context: remove its values (keep the id), or remove it. */
export function ContextActions({ contextId, entries }: { contextId: string; entries: number }) {
  const isAdmin = useIsAdmin();
  const refresh = useRefreshContext(contextId);
  const router = useRouter();
  if (!isAdmin) return null;
  const url = (action: string) => `/api/v1/contexts/${encodeURIComponent(contextId)}/${action}`;
  return (
    <div className="row actions-bar" aria-label="Context actions" role="group">
      <ConfirmAction
        label="Reset context"
        title="Reset this context?"
        confirmLabel="Remove all values"
        run={() => postJson(url("reset"), {}, removedSchema)}
        onDone={refresh}
        disabled={entries === 0}
      >
        All {entries} {entries === 1 ? "value" : "values"} of <code>{contextId}</code> are removed; the context id
        stays. Listeners get one context-cleared event. This cannot be undone.
      </ConfirmAction>
      <ConfirmAction
        label="Remove context"
        title="Remove this context?"
        confirmLabel="Remove context"
        typed={contextId}
        run={() => postJson(url("remove"), {}, removedSchema)}
        onDone={() => router.push("/contexts")}
      >
        <code>{contextId}</code> is removed with its {entries} {entries === 1 ? "value" : "values"} and its history.
        This cannot be undone.
      </ConfirmAction>
    </div>
  );
}
