"use client";

import { useState } from "react";
import { MarkedText, matchesOf } from "./marked-text.tsx";
import { fileNameFor, saveFile } from "./save-file.ts";
import { ValueTree } from "./value-tree.tsx";
import "./value-viewer.css";

export const viewModes = ["pretty", "raw", "tree"] as const;
export type ViewMode = (typeof viewModes)[number];
const modeLabel: Record<ViewMode, string> = { pretty: "Pretty", raw: "Raw", tree: "Tree" };
/** Scalars up to this many characters show bare. */
const SHORT = 200;

/**
 * A whole value, shown pretty (indented), raw (as stored, one line) or as a tree, with copy,
 * download and a search inside it (a short scalar shows bare). The mode is the caller's, so it
 * can outlive this component.
 */
export function ValueViewer({
  value,
  name,
  label,
  mode,
  onMode,
}: {
  value: unknown;
  /** The entry's key: the download's file name. */
  name: string;
  label: string;
  mode: ViewMode;
  onMode(mode: ViewMode): void;
}) {
  const [needle, setNeedle] = useState("");
  const [copied, setCopied] = useState<string | null>(null);
  const branchy = typeof value === "object" && value !== null;
  const shown = mode === "tree" && !branchy ? "pretty" : mode; // a scalar has no tree
  const text = shown === "raw" ? JSON.stringify(value) : JSON.stringify(value, null, 2);
  const found = matchesOf(text, needle).length;
  // A short number, string or boolean needs no tools: a row of them per entry buried the values.
  if (!branchy && text.length <= SHORT) return <pre aria-label={label}>{text}</pre>;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("Copied");
    } catch {
      setCopied("Copy refused by the browser");
    }
  }

  return (
    <div className="value-viewer">
      <div className="row value-tools">
        <div role="group" aria-label={`View of ${name}`} className="row segmented">
          {viewModes.map((m) => (
            <button
              key={m}
              type="button"
              className="secondary"
              aria-pressed={shown === m}
              disabled={m === "tree" && !branchy}
              onClick={() => onMode(m)}
            >
              {modeLabel[m]}
            </button>
          ))}
        </div>
        <button type="button" className="secondary" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="secondary" onClick={() => saveFile(fileNameFor(name), text)}>
          Download
        </button>
        <label className="inline value-search">
          <span className="visually-hidden">Search in {name}</span>
          <input
            type="search"
            placeholder="Search in value"
            value={needle}
            onChange={(e) => setNeedle(e.target.value)}
          />
        </label>
        <span role="status" className="muted">
          {needle ? `${found} ${found === 1 ? "match" : "matches"}` : (copied ?? "")}
        </span>
      </div>
      {shown === "tree" ? (
        <ValueTree value={value as object} needle={needle} label={label} />
      ) : (
        <MarkedText text={text} needle={needle} label={label} className={shown === "raw" ? "raw" : undefined} />
      )}
    </div>
  );
}
