/**
 * The head of a JSON text (cut anywhere, even inside a string) laid out as
 * `JSON.stringify(value, null, 2)` lays out the whole: a line per member, two spaces a level.
 * A collapsed large value then previews like a small one; no parser takes cut JSON.
 */
export function prettyPrefix(head: string): string {
  let out = "";
  let depth = 0;
  let inString = false;
  const newline = () => `\n${"  ".repeat(depth)}`;
  for (let i = 0; i < head.length; i++) {
    const c = head[i]!;
    if (inString) {
      out += c;
      if (c === "\\") out += head[++i] ?? "";
      else if (c === '"') inString = false;
      continue;
    }
    const next = head[i + 1];
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === "{" || c === "[") {
      // An empty object or array stays on its line, as JSON.stringify writes it.
      if (next === "}" || next === "]") out += c + head[++i];
      else {
        depth++;
        out += c + newline();
      }
    } else if (c === "}" || c === "]") {
      depth = Math.max(0, depth - 1);
      out += newline() + c;
    } else if (c === ",") out += c + newline();
    else if (c === ":") out += ": ";
    else if (c.trim() !== "") out += c; // whitespace between tokens is the layout's to decide
  }
  return out;
}
