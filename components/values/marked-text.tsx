"use client";

import { useEffect, useRef } from "react";

/** Where `needle` occurs in `text`, ignoring case (start offsets, not overlapping). */
export function matchesOf(text: string, needle: string): number[] {
  if (!needle) return [];
  const hay = text.toLowerCase();
  const low = needle.toLowerCase();
  const at: number[] = [];
  for (let i = hay.indexOf(low); i !== -1; i = hay.indexOf(low, i + low.length)) at.push(i);
  return at;
}

/** Text in a <pre> with each match of `needle` marked; the first match is scrolled into view. */
export function MarkedText({
  text,
  needle,
  label,
  className,
}: {
  text: string;
  needle: string;
  label: string;
  className?: string;
}) {
  const ref = useRef<HTMLPreElement>(null);
  const at = matchesOf(text, needle);
  useEffect(() => {
    ref.current?.querySelector("mark")?.scrollIntoView({ block: "nearest" });
  }, [needle]);
  const parts: React.ReactNode[] = [];
  let from = 0;
  for (const start of at) {
    parts.push(text.slice(from, start), <mark key={start}>{text.slice(start, start + needle.length)}</mark>);
    from = start + needle.length;
  }
  parts.push(text.slice(from));
  return (
    <pre ref={ref} aria-label={label} className={className}>
      {parts}
    </pre>
  );
}
