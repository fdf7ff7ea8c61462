import type { Entry } from "../../../core/context-types.ts";
import { gsonStringMap } from "./gson.ts";
import { joinKeywords, serializeKey, wrap } from "./serialized.ts";

/** The typed value's JSON text: as the Linkis client wrote it, else our own JSON of the value. */
const valueText = (e: Entry) => e.valueText ?? JSON.stringify(e.value);

/**
 * A serialized `contextValue` (keywords and the typed value, itself serialized), as Linkis's
 * ContextValueSerializer writes it. Null for an entry whose value was reset: Linkis cannot
 * serialize a null value, and its client reads a null contextValue as "no value".
 */
export function serializeContextValue(e: Entry): string | null {
  if (e.value === null || e.value === undefined) return null;
  const typed = wrap(e.valueType ?? "json", valueText(e));
  return wrap(
    "contextValue",
    gsonStringMap([
      ["keywords", joinKeywords(e.valueKeywords)],
      ["value", typed],
    ]),
  );
}

/** A serialized `commonContextKeyValue`: the serialized key and value, as ContextKeyValueSerializer writes them. */
export const serializeKeyValue = (e: Entry) =>
  wrap(
    "commonContextKeyValue",
    gsonStringMap([
      ["key", serializeKey({ ...e, keywords: e.keyKeywords })],
      ["value", serializeContextValue(e)],
    ]),
  );
