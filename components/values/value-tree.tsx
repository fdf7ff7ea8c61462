"use client";

import { useEffect, useRef } from "react";
import { JsonView, defaultStyles } from "react-json-view-lite";
import "react-json-view-lite/dist/index.css";

// The library's layout classes, with colours from the page's own (theme-following) classes in globals.css.
const style = {
  ...defaultStyles,
  container: "json-tree",
  label: "json-key",
  punctuation: "json-punct",
  stringValue: "json-string",
  numberValue: "json-number",
  booleanValue: "json-boolean",
  nullValue: "json-null",
  undefinedValue: "json-null",
  otherValue: "json-null",
  collapsedContent: `${defaultStyles.collapsedContent} json-punct`,
};
const leaves = ".json-key, .json-string, .json-number, .json-boolean, .json-null";

const holds = (value: unknown, needle: string) => JSON.stringify(value).toLowerCase().includes(needle.toLowerCase());

/**
 * Flags the tree's keys and values holding the needle (`data-hit`), again whenever a branch
 * opens; the library draws the tree and offers no hook for it. The first is scrolled into view.
 */
function useTreeHits(needle: string) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = box.current;
    if (!root || !needle) return;
    const low = needle.toLowerCase();
    const mark = () => {
      for (const el of root.querySelectorAll<HTMLElement>(leaves))
        el.toggleAttribute("data-hit", el.textContent?.toLowerCase().includes(low) ?? false);
    };
    mark();
    root.querySelector("[data-hit]")?.scrollIntoView({ block: "nearest" });
    const observer = new MutationObserver(mark);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [needle]);
  return box;
}

/**
 * A JSON object or array as a tree (react-json-view-lite: keyboard navigable, role tree). The
 * first two levels open; with a search, exactly the branches holding a match open instead, and
 * the keys and values holding it are marked.
 */
export function ValueTree({ value, needle, label }: { value: object; needle: string; label: string }) {
  const box = useTreeHits(needle);
  return (
    <div className="json-tree-box" ref={box}>
      <JsonView
        // Remounted per search: the library reads shouldExpandNode only when a node first renders.
        key={needle}
        data={value}
        style={style}
        aria-label={label}
        shouldExpandNode={(level, node) => (needle ? level === 0 || holds(node, needle) : level < 2)}
      />
    </div>
  );
}
