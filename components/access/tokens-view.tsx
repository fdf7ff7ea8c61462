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
import { ShownOnce } from "./shown-once.tsx";

const stateOf = (t: TokenItem, now: number) =>
  t.revokedAt ? "revoked" : t.expiresAt && new Date(t.expiresAt).getTime() <= now ? "expired" : "active";

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
          <div className="table-scroll">
            <table aria-label="Tokens">
              <thead>
                <tr>
                  <th>Token</th>
                  <th>Acts as</th>
                  <th>Role</th>
                  <th>Hosts</th>
                  <th>Created</th>
                  <th>Expires</th>
                  <th>Last used</th>
                  <th>State</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((t) => {
                  const state = stateOf(t, now);
                  const label = t.kind === "gateway" ? `gateway ${t.name}` : `${t.prefix}… of ${t.user}`;
                  return (
                    <tr key={t.id} aria-label={label}>
                      <td>
                        <code>{t.prefix}…</code>
                        {t.kind === "gateway" && <span className="tag">gateway {t.name}</span>}
                      </td>
                      <td>{t.kind === "gateway" ? `Token-User in ${t.users?.join(", ") ?? "—"}` : t.user}</td>
                      <td>{t.role ?? "—"}</td>
                      <td>{t.kind === "gateway" ? (t.hosts?.join(", ") ?? "any") : "any"}</td>
                      <td>{formatTime(t.createTime)}</td>
                      <td>{t.expiresAt ? formatTime(t.expiresAt) : "never"}</td>
                      <td>{t.lastUsedAt ? formatTime(t.lastUsedAt) : "never"}</td>
                      <td className={state === "active" ? "ok" : "muted"}>{state}</td>
                      <td>
                        {state === "active" && (
                          <ConfirmAction
                            label="Revoke"
                            title={`Revoke ${label}?`}
                            confirmLabel="Revoke token"
                            run={() => postJson(`${TOKENS_URL}/revoke`, { id: t.id }, revokedSchema)}
                            onDone={refresh}
                          >
                            Every request with this token is refused from now on. This cannot be undone.
                          </ConfirmAction>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
