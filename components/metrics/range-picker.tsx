"use client";

import { HISTORY_RANGES, type HistoryRange } from "./use-metrics-history.ts";

/** The charts' time range, as a group of toggle buttons (the page keeps the choice in its URL). */
export function RangePicker({ value, onChange }: { value: HistoryRange; onChange: (range: HistoryRange) => void }) {
  return (
    <div role="group" aria-label="Time range" className="row range-picker">
      {HISTORY_RANGES.map((r) => (
        <button
          key={r.value}
          type="button"
          className={r.value === value ? "" : "secondary"}
          aria-pressed={r.value === value}
          onClick={() => onChange(r.value)}
        >
          {r.label}
        </button>
      ))}
    </div>
  );
}
