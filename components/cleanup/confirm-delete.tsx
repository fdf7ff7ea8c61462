"use client";

import { useState, type FormEvent } from "react";

interface Props {
  count: number;
  onConfirm(): void;
  starting: boolean;
}

/** The last step before a clear: type the number of contexts to delete, then Delete is enabled. */
export function ConfirmDelete({ count, onConfirm, starting }: Props) {
  const [typed, setTyped] = useState("");
  const matches = typed.trim() === String(count);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (matches) onConfirm();
  }
  return (
    <form className="panel confirm" onSubmit={submit} aria-label="Confirm deletion">
      <label>
        Type {count} to confirm deleting {count === 1 ? "this context" : `these ${count} contexts`}; this cannot be
        undone.
        <input
          name="confirm"
          inputMode="numeric"
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-describedby="confirm-hint"
        />
      </label>
      <div className="row">
        <button type="submit" className="danger" disabled={!matches || starting}>
          {starting ? "Starting…" : `Delete ${count} ${count === 1 ? "context" : "contexts"}`}
        </button>
        <span id="confirm-hint" className="muted">
          Contexts created or touched since the preview that match the bounds are deleted too.
        </span>
      </div>
    </form>
  );
}
