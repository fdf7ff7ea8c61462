"use client";

import type { FormEvent } from "react";
import { contextTypes } from "../../client/contract/context-kinds.ts";
import { useUrlParams } from "../url/use-url-params.ts";
import { changeOps, streamParams } from "./stream-params.ts";
import { forgetStream } from "./stream-storage.ts";

const filterParams = ["ids", "types", "prefix", "ops", "current"] as const;

/** The live stream's filter; starting or applying writes it to the URL, which the stream follows. */
export function EventFilterForm() {
  const { params, update } = useUrlParams();
  const { running, filter, includeCurrentState, key } = streamParams(params);

  function start(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const ids = String(form.get("ids") ?? "")
      .split(/[\s,]+/)
      .filter(Boolean);
    update({
      ids: ids.join(","),
      types: form.getAll("types").join(","),
      prefix: String(form.get("prefix") ?? "").trim(),
      ops: form.getAll("ops").join(","),
      current: form.get("current") ? "1" : null,
      stream: "1",
    });
  }

  return (
    // Keyed by the URL so going back or following a link shows that link's filter.
    <form key={params.toString()} className="panel filters" onSubmit={start} aria-label="Filter live events">
      <label>
        Context ids
        <input
          name="ids"
          defaultValue={filter.contextIds?.join(", ") ?? ""}
          placeholder="comma-separated; empty for all"
          size={40}
        />
      </label>
      <label>
        Key prefix
        <input name="prefix" defaultValue={filter.keyPrefix ?? ""} placeholder="e.g. node_1." />
      </label>
      <CheckGroup legend="Context types" name="types" values={contextTypes} checked={filter.contextTypes} />
      <CheckGroup legend="Operations" name="ops" values={changeOps} checked={filter.ops} />
      <label className="inline">
        <input type="checkbox" name="current" value="1" defaultChecked={includeCurrentState} />
        Begin with the current entries of the matching contexts
      </label>
      <p className="muted hint">
        Fields combine with AND, the ticked values of one field with OR; nothing ticked means any.
      </p>
      <div className="row actions">
        <button type="submit">{running ? "Apply filter" : "Start stream"}</button>
        {running && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              forgetStream(key);
              update({ stream: null });
            }}
          >
            Stop stream
          </button>
        )}
        <button
          type="button"
          className="secondary"
          onClick={() => update(Object.fromEntries(filterParams.map((n) => [n, null])))}
        >
          Clear filter
        </button>
      </div>
    </form>
  );
}

function CheckGroup({
  legend,
  name,
  values,
  checked = [],
}: {
  legend: string;
  name: string;
  values: readonly string[];
  checked?: string[];
}) {
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v}>
          <input type="checkbox" name={name} value={v} defaultChecked={checked.includes(v)} />
          {v}
        </label>
      ))}
    </fieldset>
  );
}
