import { z } from "zod";
import { keywordsInput } from "./keywords-input.ts";
import { isSerializedWrapper, linkisSerialized } from "./linkis-serialized.ts";
import { badInput } from "../../core/errors.ts";
import { parseRequestJson, RefusedJson } from "../../core/json-guards.ts";

/**
 * contextValue as `{ value, keywords?, valueType? }` or its Linkis-serialized string. A value
 * that is itself Linkis-serialized (`{"type":"...CSTable","value":"..."}`) is unwrapped and its
 * type becomes the valueType, so keyword rules for that type apply.
 */
export const contextValueInput = z.preprocess(
  linkisSerialized(["contextValue", "ContextValue", "commonContextValue"]),
  z
    .object(
      {
        value: z.unknown(),
        keywords: keywordsInput,
        valueType: z.string().min(1).max(128).nullish(),
      },
      { error: "must be an object { value, keywords?, valueType? } or a Linkis-serialized context value" },
    )
    .transform((v) => {
      const inner = unwrapValue(v.value);
      return {
        value: inner.value ?? null,
        keywords: v.keywords,
        valueType: v.valueType ?? inner.valueType,
        ...(inner.valueText !== undefined && { valueText: inner.valueText }),
      };
    }),
);

export type ContextValueInput = z.infer<typeof contextValueInput>;

/**
 * The typed value inside: its type's simple name and parsed value, plus its JSON text when it
 * arrived as text (a Linkis client's), so it is answered back exactly as written.
 */
function unwrapValue(value: unknown): { value: unknown; valueType?: string; valueText?: string } {
  let candidate = value;
  if (typeof value === "string" && value.trimStart().startsWith("{")) {
    try {
      candidate = parseRequestJson(value);
    } catch (err) {
      if (err instanceof RefusedJson) throw badInput(`${err.message}`);
      return { value };
    }
  }
  if (!isSerializedWrapper(candidate)) return { value };
  const valueType = candidate.type.split(".").pop()!;
  if (typeof candidate.value !== "string") return { value: candidate.value, valueType };
  try {
    const parsed: unknown = parseRequestJson(candidate.value);
    return JSON.stringify(parsed) === candidate.value
      ? { value: parsed, valueType }
      : { value: parsed, valueType, valueText: candidate.value };
  } catch (err) {
    if (err instanceof RefusedJson) throw badInput(`${err.message}`);
    return { value: candidate.value, valueType };
  }
}
