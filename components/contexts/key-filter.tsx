"use client";

import { useEffect, useRef, useState } from "react";
import { useUrlParams } from "../url/use-url-params.ts";

/** The URL parameter holding the key filter of a context's entries. */
export const KEY_FILTER = "keyFilter";

/**
 * Filters a context's entries by part of their key (any case; the server filters, so a context
 * of thousands of entries is never loaded whole). The URL follows the box a moment after typing,
 * and the box follows the URL when something else changes it (Back, a link to another filter):
 * without that, the box's old text was written back over the new URL a moment later.
 */
export function KeyFilter() {
  const { params, update } = useUrlParams();
  const inUrl = params.get(KEY_FILTER) ?? "";
  const [text, setText] = useState(inUrl);
  // The filter this box last put in the URL (or found there): a different one came from elsewhere.
  const ours = useRef(inUrl);
  useEffect(() => {
    if (inUrl === ours.current) return;
    ours.current = inUrl;
    setText(inUrl);
  }, [inUrl]);
  useEffect(() => {
    if (text.trim() === inUrl) return;
    const timer = setTimeout(() => {
      ours.current = text.trim();
      update({ [KEY_FILTER]: text.trim() }, "replace");
    }, 250);
    return () => clearTimeout(timer);
  }, [text, inUrl, update]);
  return (
    <label className="inline key-filter">
      Filter keys
      <input type="search" value={text} maxLength={256} onChange={(e) => setText(e.target.value)} />
    </label>
  );
}
