"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmAction } from "../actions/confirm-action.tsx";
import { postJson } from "../api/post-json.ts";
import { formatTime } from "../format/format.ts";
import { QueryStatus } from "../query/query-status.tsx";
import { usePagedQuery } from "../query/use-paged-query.ts";
import { TOKENS_URL, revokedSchema, tokenItemSchema, type TokenItem } from "./access-schemas.ts";
import { CreateToken } from "./create-token.tsx";
import { DataTable } from "../table/data-table.tsx";
import { ShownOnce } from "./shown-once.tsx";

const stateOf = (t: TokenItem, now: number) =>
  t.revokedAt ? "revoked" : t.expiresAt && new Date(t.expiresAt).getTime() <= now ? "expired" : "active";

/** How a row names its token: a gateway token by its name, a user token by its prefix and user. */
const tokenLabel = (t: TokenItem) => (t.kind === "gateway" ? `gateway ${t.name}` : `${t.prefix}… of ${t.user}`);

/** The tokens page: every API token (never its secret), who it acts for, its last use; create and revoke. */
export function TokensView() {
  const queryClient = useQueryClient();
  const list = usePagedQuery(TOKENS_URL, tokenItemSchema);
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["paged", TOKENS_URL] });
  // Newest first: the one just made is at the top.
  const rows = (list.data?.pages.flatMap((p) => p.items) ?? []).toReversed();
  // Expiry as of the list's fetch, which is what the rest of the row shows too.
  const now = list.dataUpdatedAt;
  return (
    <>
      <CreateToken
        onCreated={(token) => {
          setSecret(token);
          void refresh();
        }}
      />
      {secret && (
        <ShownOnce
          label='The new token: send it as "Authorization: Bearer <token>" (or Token-Code with Token-User for a gateway token).'
          secret={secret}
          onDismiss={() => setSecret(null)}
        />
      )}
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Tokens</h2>
        {!list.isSuccess ? (
          <QueryStatus query={list} what="tokens" />
        ) : rows.length === 0 ? (
          <p className="muted">No tokens yet.</p>
        ) : (
          <DataTable
            label="Tokens"
            rows={rows}
            rowKey={(t) => t.id}
            rowProps={(t) => ({ "aria-label": tokenLabel(t) })}
            columns={[
              {
                header: "Token",
                cell: (t) => (
                  <>
                    <code>{t.prefix}…</code>
                    {t.kind === "gateway" && <span className="tag">gateway {t.name}</span>}
                  </>
                ),
              },
              {
                header: "Acts as",
                cell: (t) => (t.kind === "gateway" ? `Token-User in ${t.users?.join(", ") ?? "—"}` : t.user),
              },
              { header: "Role", cell: (t) => t.role ?? "—" },
              { header: "Hosts", cell: (t) => (t.kind === "gateway" ? (t.hosts?.join(", ") ?? "any") : "any") },
              { header: "Created", cell: (t) => formatTime(t.createTime) },
              { header: "Expires", cell: (t) => (t.expiresAt ? formatTime(t.expiresAt) : "never") },
              { header: "Last used", cell: (t) => (t.lastUsedAt ? formatTime(t.lastUsedAt) : "never") },
              {
                header: "State",
                cell: (t) => <span className={stateOf(t, now) === "active" ? "ok" : "muted"}>{stateOf(t, now)}</span>,
              },
              {
                header: <span className="visually-hidden">Actions</span>,
                cell: (t) =>
                  stateOf(t, now) === "active" && (
                    <ConfirmAction
                      label="Revoke"
                      title={`Revoke ${tokenLabel(t)}?`}
                      confirmLabel="Revoke token"
                      run={() => postJson(`${TOKENS_URL}/revoke`, { id: t.id }, revokedSchema)}
                      onDone={refresh}
                    >
                      Every request with this token is refused from now on. This cannot be undone.
                    </ConfirmAction>
                  ),
              },
            ]}
          />
        )}
      </section>
    </>
  );
}
