"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { postJson } from "../api/post-json.ts";
import { CreateFooter } from "./create-footer.tsx";
import { RoleSelect } from "./role-select.tsx";
import { createdTokenSchema, TOKENS_URL } from "./access-schemas.ts";

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A new token: a user's own (acts as that user, with their role), or a Linkis gateway token
 * (a name, the users it may act for or *, its role, optionally the hosts it may come from).
 */
export function CreateToken({ onCreated }: { onCreated(token: string): void }) {
  const [kind, setKind] = useState<"user" | "gateway">("user");
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => postJson(TOKENS_URL, body, createdTokenSchema),
  });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? "").trim();
    const days = field("expiresInDays");
    const expiry = days ? { expiresInDays: Number(days) } : {};
    const hosts = list(field("hosts"));
    const body =
      kind === "user"
        ? { kind, user: field("user"), ...expiry }
        : {
            kind,
            name: field("name"),
            users: list(field("users")),
            role: field("role"),
            ...(hosts.length > 0 && { hosts }),
            ...expiry,
          };
    create.mutate(body, {
      onSuccess: ({ token }) => {
        form.reset();
        onCreated(token);
      },
    });
  }
  return (
    <form className="panel filters" onSubmit={submit} aria-label="Create token">
      <label>
        Kind
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as "user" | "gateway")}>
          <option value="user">User token</option>
          <option value="gateway">Gateway token (Linkis)</option>
        </select>
      </label>
      {kind === "user" ? (
        <label>
          User
          <input name="user" required autoComplete="off" />
        </label>
      ) : (
        <>
          <label>
            Name
            <input name="name" required autoComplete="off" placeholder="e.g. dss" />
          </label>
          <label>
            Acts for users
            <input name="users" required autoComplete="off" placeholder="* or alice, bob" />
          </label>
          <RoleSelect />
          <label>
            Hosts
            <input name="hosts" autoComplete="off" placeholder="empty: any; or 10.0.0.5, 10.0.0.6" />
          </label>
        </>
      )}
      <label>
        Expires in days
        <input name="expiresInDays" type="number" min={1} max={36500} placeholder="never" />
      </label>
      <CreateFooter mutation={create} label="Create token" />
    </form>
  );
}
