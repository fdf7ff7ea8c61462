/** Deepest nesting of arrays and objects a request may carry (JSON.stringify recursion throws past ~4,000). */
export const MAX_JSON_DEPTH = 64;

/**
 * How deeply `text` nests, counted on the raw text before any parsing (brackets inside strings
 * do not count); stops counting once past `max`.
 */
export function jsonDepthOver(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

/**
 * Where a parsed request holds a string neither database can treat the same: a NUL character
 * (PostgreSQL refuses it in text, SQLite stores it) or a lone UTF-16 surrogate (not valid
 * Unicode, so not storable as UTF-8). Answers "path: why" for the first one, or null. The
 * decision is to refuse both everywhere, values included, so a request behaves the same on
 * either database. `value` has already passed the depth check, so recursion is bounded.
 */
export function badStringIn(value: unknown, path: string): string | null {
  if (typeof value === "string") {
    if (value.includes("\u0000")) return `${path}: contains a NUL character (\\u0000), which is not accepted`;
    if (!(value as unknown as { isWellFormed(): boolean }).isWellFormed())
      return `${path}: contains a lone UTF-16 surrogate, which is not valid Unicode`;
    return null;
  }
  if (value === null || typeof value !== "object") return null;
  for (const [k, v] of Object.entries(value)) {
    const inKey = badStringIn(k, path);
    if (inKey) return inKey.replace(/^[^:]*:/, `${path} (a field name):`);
    const found = badStringIn(v, Array.isArray(value) ? `${path}.${k}` : path === "body" ? k : `${path}.${k}`);
    if (found) return found;
  }
  return null;
}

/** Thrown for JSON text inside a request that nests too deep or holds a string we refuse. */
export class RefusedJson extends Error {
  override name = "RefusedJson";
}

/**
 * JSON.parse for JSON text found inside a request (Linkis's serialized values): the same depth
 * and string checks as the body. Throws SyntaxError like JSON.parse, or RefusedJson.
 */
export function parseRequestJson(text: string): unknown {
  if (jsonDepthOver(text)) throw new RefusedJson(`serialized JSON text nested deeper than ${MAX_JSON_DEPTH} levels`);
  const parsed: unknown = JSON.parse(text);
  const bad = badStringIn(parsed, "text");
  if (bad) throw new RefusedJson(`serialized JSON text ${bad.replace(/^text: /, "")}`);
  return parsed;
}
