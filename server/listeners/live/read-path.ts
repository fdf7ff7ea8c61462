const MISSING = Symbol("missing");

/** The value at a dot path inside a JSON value, or undefined. */
export function readPath(value: unknown, path: string): unknown {
  const found = lookup(value, path.split("."));
  return found === MISSING ? undefined : found;
}

function lookup(value: unknown, parts: string[]): unknown {
  let current = value;
  for (const part of parts) {
    if (current === null || typeof current !== "object") return MISSING;
    if (!Object.hasOwn(current, part)) return MISSING;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * The converter's projection: a new object holding only the given paths that exist in the
 * value (nested as they were). A value that is not an object projects to null.
 */
export function projectFields(value: unknown, paths: string[]): unknown {
  if (value === null || typeof value !== "object") return null;
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const parts = path.split(".");
    const found = lookup(value, parts);
    if (found === MISSING) continue;
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] = found;
  }
  return out;
}
