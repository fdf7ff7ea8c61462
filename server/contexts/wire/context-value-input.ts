import { z } from "zod";
import { keywordsInput } from "./keywords-input.ts";
import { isSerializedWrapper, linkisSerialized } from "./linkis-serialized.ts";

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
      return { value: inner.value ?? null, keywords: v.keywords, valueType: v.valueType ?? inner.valueType };
    }),
);

export type ContextValueInput = z.infer<typeof contextValueInput>;

function unwrapValue(value: unknown): { value: unknown; valueType?: string } {
  let candidate = value;
  if (typeof value === "string" && value.trimStart().startsWith("{")) {
    try {
      candidate = JSON.parse(value);
    } catch {
      return { value };
    }
  }
  if (!isSerializedWrapper(candidate)) return { value };
  const valueType = candidate.type.split(".").pop()!;
  if (typeof candidate.value !== "string") return { value: candidate.value, valueType };
  try {
    return { value: JSON.parse(candidate.value), valueType };
  } catch {
    return { value: candidate.value, valueType };
  }
}
