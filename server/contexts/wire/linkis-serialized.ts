import { z } from "zod";
import { parseRequestJson, RefusedJson } from "../../core/json-guards.ts";

/**
 * Linkis clients send objects as `{"type":"<serializer name>","value":"<JSON text>"}`, often
 * as a string. This preprocessor turns such a string (or object) into the inner object so one
 * zod schema accepts both the plain and the Linkis-serialized shape.
 */
export function linkisSerialized(expectedTypes: readonly string[]) {
  return (input: unknown, ctx: z.RefinementCtx) => {
    let outer = input;
    if (typeof input === "string") {
      if (!input.trimStart().startsWith("{")) return input; // a plain string: let the schema judge it
      outer = parseOrIssue(
        input,
        ctx,
        "is a string starting with '{' but not valid JSON (expected a Linkis-serialized object)",
      );
      if (outer === z.NEVER) return z.NEVER;
    }
    if (!isSerializedWrapper(outer)) return outer;
    if (!expectedTypes.some((t) => t.toLowerCase() === outer.type.toLowerCase())) {
      ctx.addIssue({
        code: "custom",
        message: `Linkis-serialized type "${outer.type}" is not one of ${expectedTypes.join(", ")}`,
      });
      return z.NEVER;
    }
    if (typeof outer.value !== "string") return outer.value;
    return parseOrIssue(outer.value, ctx, `Linkis-serialized "${outer.type}" has a value that is not valid JSON text`);
  };
}

/** The parsed text, or z.NEVER with an issue: the guard's own reason when it refused, else `notJson`. */
function parseOrIssue(text: string, ctx: z.RefinementCtx, notJson: string): unknown {
  try {
    return parseRequestJson(text);
  } catch (err) {
    ctx.addIssue({ code: "custom", message: err instanceof RefusedJson ? err.message : notJson });
    return z.NEVER;
  }
}

/** `{type, value}` and nothing else: the Linkis wrapper, not a plain object that happens to have a `type`. */
export function isSerializedWrapper(v: unknown): v is { type: string; value: unknown } {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 2 && typeof (v as { type?: unknown }).type === "string" && "value" in v;
}
