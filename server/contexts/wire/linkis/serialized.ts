import { gsonBean, gsonStringMap } from "./gson.ts";
import { badInput } from "../../../core/errors.ts";
import { parseRequestJson, RefusedJson } from "../../../core/json-guards.ts";
import { isSerializedWrapper } from "../linkis-serialized.ts";

/**
 * Linkis's wrapper: `{"type": T, "value": "<JSON text>"}` as Gson writes a HashMap of the two
 * (type first: its bucket comes before value's).
 */
export const wrap = (type: string, valueText: string | null) =>
  gsonStringMap([
    ["type", type],
    ["value", valueText],
  ]);

/** The wrapper's type and inner JSON text, or null when `text` is not a wrapper. */
export function unwrap(text: unknown): { type: string; value: string | null } | null {
  let v: unknown = text;
  if (typeof text === "string") {
    if (!text.trimStart().startsWith("{")) return null;
    try {
      v = parseRequestJson(text);
    } catch (err) {
      if (err instanceof RefusedJson) throw badInput(`${err.message}`);
      return null;
    }
  }
  if (!isSerializedWrapper(v)) return null;
  if (v.value !== null && typeof v.value !== "string") return null;
  return { type: v.type, value: v.value };
}

/** A CommonContextKey (a bean: key, contextType, contextScope, keywords as one string or null). */
export const serializeKey = (k: { key: string; contextType: string; contextScope: string; keywords: string[] }) =>
  wrap(
    "commonContextKey",
    gsonBean([
      ["key", k.key],
      ["contextType", k.contextType],
      ["contextScope", k.contextScope],
      ["keywords", joinKeywords(k.keywords)],
    ]),
  );

/** Keywords travel as one comma-separated string, null when there are none. */
export const joinKeywords = (keywords: string[]) => (keywords.length ? keywords.join(",") : null);
