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
  // The walk records nothing on the way down (every request goes through here); the path is
  // built only for the one string found, from the steps collected on the way back up.
  const steps: Step[] = [];
  const problem = findBadString(value, steps);
  if (!problem) return null;
  let at = path;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    if (step.inName) return `${at} (a field name): ${problem}`;
    at = !step.inArray && at === "body" ? step.name : `${at}.${step.name}`;
  }
  return `${at}: ${problem}`;
}

interface Step {
  name: string;
  inArray: boolean;
  /** The problem is in this field's name, not in its value. */
  inName: boolean;
}

function stringProblem(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character (\\u0000), which is not accepted";
  if (!(text as unknown as { isWellFormed(): boolean }).isWellFormed())
    return "contains a lone UTF-16 surrogate, which is not valid Unicode";
  return null;
}

function findBadString(value: unknown, steps: Step[]): string | null {
  if (typeof value === "string") return stringProblem(value);
  if (value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = findBadString(value[i], steps);
      if (problem) return (steps.push({ name: String(i), inArray: true, inName: false }), problem);
    }
    return null;
  }
  for (const name of Object.keys(value)) {
    const inName = stringProblem(name);
    if (inName) return (steps.push({ name, inArray: false, inName: true }), inName);
    const problem = findBadString((value as Record<string, unknown>)[name], steps);
    if (problem) return (steps.push({ name, inArray: false, inName: false }), problem);
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
