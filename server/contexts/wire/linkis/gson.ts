/**
 * JSON text as Linkis's server writes it: Gson 2.8 with `serializeNulls()` and its default
 * HTML-safe escaping, and `Map<String, String>` in Java `HashMap` iteration order. The Java
 * client parses whatever order it gets; we match it so a captured Linkis answer and ours are
 * the same bytes.
 */

const HTML_SAFE: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "=": "\\u003d",
  "'": "\\u0027",
};

/** A string as a Gson JSON literal (quotes included). */
export function gsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (code < 0x20 || code === 0x2028 || code === 0x2029) out += "\\u" + code.toString(16).padStart(4, "0");
    else out += HTML_SAFE[ch] ?? ch;
  }
  return out + '"';
}

/** Java's String.hashCode (UTF-16 code units), as a signed 32-bit int. */
export function javaHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Keys in the order a `java.util.HashMap` built by inserting them in this order iterates:
 * by bucket (the spread hash masked to the table size), then insertion order within a bucket.
 * The table starts at 16 and doubles past 3/4 full, as HashMap does.
 */
export function hashMapOrder(keys: string[]): string[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const bucket = (k: string) => {
    const h = javaHashCode(k);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return keys
    .map((k, i) => ({ k, b: bucket(k), i }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => x.k);
}

/** A `Map<String, String>` (values may be null) as Gson writes it, keys in HashMap order. */
export function gsonStringMap(entries: [string, string | null][]): string {
  const byKey = new Map(entries);
  const parts = hashMapOrder([...byKey.keys()]).map((k) => {
    const v = byKey.get(k);
    return `${gsonString(k)}:${v == null ? "null" : gsonString(v)}`;
  });
  return `{${parts.join(",")}}`;
}

/** An object whose fields Gson writes in declaration order (a Java bean, not a map). */
export function gsonBean(fields: [string, string | number | null][]): string {
  const literal = (v: string | number | null) =>
    v == null ? "null" : typeof v === "number" ? String(v) : gsonString(v);
  return `{${fields.map(([k, v]) => `${gsonString(k)}:${literal(v)}`).join(",")}}`;
}
