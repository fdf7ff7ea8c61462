"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";

interface Props {
  /** The button that opens the dialog. */
  label: string;
  title: string;
  /** What will happen, in the operator's words. */
  children: ReactNode;
  confirmLabel: string;
  /** When given, the operator must type this text before the action is enabled. */
  typed?: string;
  run(): Promise<unknown>;
  onDone?(result: unknown): void;
  disabled?: boolean;
}

/**
 * An admin action behind a confirmation: the button opens a modal dialog saying what will
 * happen; the action runs only from there, and the server's refusal is shown in the dialog.
 */
export function ConfirmAction({ label, title, children, confirmLabel, typed, run, onDone, disabled }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [text, setText] = useState("");
  const action = useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      dialog.current?.close();
      onDone?.(result);
    },
  });
  const ready = typed === undefined || text.trim() === typed;

  function open() {
    setText("");
    action.reset();
    dialog.current?.showModal();
  }
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (ready) action.mutate();
  }

  return (
    <>
      <button type="button" className="secondary danger-outline" onClick={open} disabled={disabled}>
        {label}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="panel dialog">
        <form onSubmit={submit} className="dialog-body">
          <h2 id={titleId}>{title}</h2>
          <div>{children}</div>
          {typed !== undefined && (
            <label>
              Type {typed} to confirm
              <input autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} />
            </label>
          )}
          {action.isError && (
            <p role="alert" className="error">
              {action.error.message}
            </p>
          )}
          <div className="row">
            <button type="submit" className="danger" disabled={!ready || action.isPending}>
              {action.isPending ? "Working…" : confirmLabel}
            </button>
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
