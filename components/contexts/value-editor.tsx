"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { postJson } from "../api/post-json.ts";
import { QueryStatus } from "../query/query-status.tsx";
import type { EntryRow } from "./context-schemas.ts";
import { parseJsonText } from "./json-text.ts";
import { useFullValue } from "./use-full-value.ts";

const editedSchema = z.object({ updateTime: z.string() });

/**
 * Edits an entry's value as JSON text: the whole value is loaded first (a list holds only a
 * preview), the text is checked as it is typed, and Save stays off until it parses.
 */
export function ValueEditor({
  contextId,
  entry,
  onClose,
  onSaved,
}: {
  contextId: string;
  entry: EntryRow;
  onClose(): void;
  onSaved(): void;
}) {
  const full = useFullValue(contextId, entry, true);
  if (!full.isSuccess) return <QueryStatus query={full} what="the value to edit" />;
  return (
    <EditorForm
      contextId={contextId}
      entry={entry}
      initial={JSON.stringify(full.data.value, null, 2)}
      onClose={onClose}
      onSaved={onSaved}
    />
  );
}

function EditorForm({
  contextId,
  entry,
  initial,
  onClose,
  onSaved,
}: {
  contextId: string;
  entry: EntryRow;
  initial: string;
  onClose(): void;
  onSaved(): void;
}) {
  const [text, setText] = useState(initial);
  const parsed = parseJsonText(text);
  const save = useMutation({
    mutationFn: (value: unknown) =>
      postJson(
        `/api/v1/contexts/${encodeURIComponent(contextId)}/value`,
        { type: entry.contextType, key: entry.key, value },
        editedSchema,
      ),
    onSuccess: onSaved,
  });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (parsed.ok) save.mutate(parsed.value);
  }
  return (
    <form className="editor" onSubmit={submit} aria-label={`Edit ${entry.key}`}>
      <label>
        Value (JSON)
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={Math.min(24, Math.max(4, text.split("\n").length + 1))}
          spellCheck={false}
          aria-invalid={!parsed.ok}
          aria-describedby={`json-check-${entry.contextType}-${entry.key}`}
        />
      </label>
      <p id={`json-check-${entry.contextType}-${entry.key}`} className={parsed.ok ? "muted" : "error"}>
        {parsed.ok ? "Valid JSON." : `Not valid JSON: ${parsed.error}`}
      </p>
      {save.isError && (
        <p role="alert" className="error">
          Not saved: {save.error.message}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={!parsed.ok || save.isPending}>
          {save.isPending ? "Saving…" : "Save value"}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!parsed.ok}
          onClick={() => parsed.ok && setText(JSON.stringify(parsed.value, null, 2))}
        >
          Format
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
