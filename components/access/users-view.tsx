"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ConfirmAction } from "../actions/confirm-action.tsx";
import { postJson } from "../api/post-json.ts";
import { CreateFooter } from "./create-footer.tsx";
import { RoleSelect } from "./role-select.tsx";
import { formatTime } from "../format/format.ts";
import { QueryStatus } from "../query/query-status.tsx";
import { usePagedQuery } from "../query/use-paged-query.ts";
import { USERS_URL, userChangeSchema, userItemSchema, type UserItem } from "./access-schemas.ts";
import { DataTable } from "../table/data-table.tsx";
import { ShownOnce } from "./shown-once.tsx";

type Secret = { label: string; secret: string } | null;

/** The users page: who may log in and with which role; create, change a role, reset a password. */
export function UsersView({ me }: { me: string }) {
  const queryClient = useQueryClient();
  const users = usePagedQuery(USERS_URL, userItemSchema);
  const [secret, setSecret] = useState<Secret>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["paged", USERS_URL] });
  const rows = users.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <CreateUser
        onCreated={(name, password) => {
          void refresh();
          if (password) setSecret({ label: `User ${name} was created with this password.`, secret: password });
        }}
      />
      {secret && <ShownOnce {...secret} onDismiss={() => setSecret(null)} />}
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        {!users.isSuccess ? (
          <QueryStatus query={users} what="users" />
        ) : (
          <DataTable
            label="Users"
            rows={rows}
            rowKey={(u) => u.name}
            columns={[
              { header: "Name", cell: (u) => u.name },
              { header: "Role", cell: (u) => u.role },
              { header: "Created", cell: (u) => formatTime(u.createTime) },
              { header: "Active tokens", cell: (u) => u.activeTokens },
              {
                header: "Actions",
                cell: (u) => <UserActions user={u} me={me} onChanged={refresh} onPassword={setSecret} />,
              },
            ]}
          />
        )}
      </section>
    </>
  );
}

/** Make admin or viewer (not for oneself) and reset the password, each confirmed. */
function UserActions({
  user: u,
  me,
  onChanged,
  onPassword,
}: {
  user: UserItem;
  me: string;
  onChanged(): void;
  onPassword(secret: Secret): void;
}) {
  const other = u.role === "admin" ? "viewer" : "admin";
  return (
    <div className="row">
      {u.name === me ? (
        <span className="muted">(you)</span>
      ) : (
        <ConfirmAction
          label={`Make ${other}`}
          title={`Make ${u.name} ${other === "admin" ? "an admin" : "a viewer"}?`}
          confirmLabel={`Make ${other}`}
          run={() => postJson(`${USERS_URL}/role`, { name: u.name, role: other }, userChangeSchema)}
          onDone={onChanged}
        >
          {u.name}&apos;s dashboard sessions end and their tokens act as {other} from the next request.
        </ConfirmAction>
      )}
      <ConfirmAction
        label="Reset password"
        title={`Reset ${u.name}'s password?`}
        confirmLabel="Reset password"
        run={() => postJson(`${USERS_URL}/password`, { name: u.name }, userChangeSchema)}
        onDone={(answer) => {
          const { password } = userChangeSchema.parse(answer);
          if (password) onPassword({ label: `The new password of ${u.name}.`, secret: password });
        }}
      >
        A new password is generated and shown once; {u.name}&apos;s dashboard sessions end. Their API tokens keep
        working.
      </ConfirmAction>
    </div>
  );
}

function CreateUser({ onCreated }: { onCreated(name: string, password?: string): void }) {
  const create = useMutation({
    mutationFn: (body: { name: string; role: string; password?: string }) =>
      postJson(USERS_URL, body, userChangeSchema),
  });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const password = String(data.get("password") ?? "");
    create.mutate(
      { name: String(data.get("name") ?? "").trim(), role: String(data.get("role")), ...(password && { password }) },
      {
        onSuccess: (answer) => {
          form.reset();
          onCreated(answer.name, answer.password);
        },
      },
    );
  }
  return (
    <form className="panel filters" onSubmit={submit} aria-label="Create user">
      <label>
        Name
        <input name="name" required autoComplete="off" />
      </label>
      <RoleSelect />
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={12}
          placeholder="empty: generate one"
        />
      </label>
      <CreateFooter mutation={create} label="Create user" />
    </form>
  );
}
