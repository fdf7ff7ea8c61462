"use client";

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

const holds = (value: unknown, needle: string) => JSON.stringify(value).toLowerCase().includes(needle.toLowerCase());

/**
 * A JSON object or array as a tree (react-json-view-lite: keyboard navigable, role tree). The
 * first two levels open; with a search, exactly the branches holding a match open instead.
 */
export function ValueTree({ value, needle, label }: { value: object; needle: string; label: string }) {
  return (
    <div className="json-tree-box">
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
