"use client";

import type { FormEvent } from "react";
import { boundPresets, timeBounds, type BoundValues, type TimeBoundName } from "./time-bounds.ts";

interface Props {
  values: BoundValues;
  onChange(name: TimeBoundName, value: string): void;
  /** Replaces every bound with a preset's. */
  onPreset(bounds: BoundValues): void;
  onPreview(): void;
  previewing: boolean;
  locked: boolean;
}

/** The six time bounds of a clear (each inclusive, local time) and the Preview button; nothing is deleted from here. */
export function BoundsForm({ values, onChange, onPreset, onPreview, previewing, locked }: Props) {
  const anyBound = timeBounds.some(({ name }) => values[name]);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onPreview();
  }
  return (
    <form className="panel filters bounds" onSubmit={submit} aria-label="Cleanup bounds">
      <div className="row presets" role="group" aria-label="Presets">
        {boundPresets.map((p) => (
          <button
            key={p.label}
            type="button"
            className="secondary"
            disabled={locked}
            onClick={() => onPreset(p.bounds(new Date()))}
          >
            {p.label}
          </button>
        ))}
      </div>
      <fieldset className="bounds-grid" disabled={locked}>
        {timeBounds.map(({ name, label }) => (
          <label key={name}>
            {label}
            <input
              type="datetime-local"
              step="1"
              name={name}
              value={values[name] ?? ""}
              onChange={(e) => onChange(name, e.target.value)}
            />
          </label>
        ))}
      </fieldset>
      <div className="row actions">
        <button type="submit" disabled={locked || !anyBound || previewing}>
          {previewing ? "Previewing…" : "Preview"}
        </button>
        {!anyBound && <span className="muted">Set at least one bound.</span>}
      </div>
      <p className="muted hint">
        Contexts matching every bound set are deleted, with their values, history and listener bindings. Times are in
        your time zone.
      </p>
    </form>
  );
}
