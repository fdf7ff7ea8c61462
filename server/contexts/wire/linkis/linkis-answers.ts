import type { ChangeEvent, Entry } from "../../../core/context-types.ts";
import { gsonBean, gsonStringMap } from "./gson.ts";
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

/** A context id as the HAWorkFlowContextID bean Linkis's client deserializes: only the id is known here. */
const serializeBareId = (contextId: string) =>
  wrap(
    "HAWorkFlowContextID",
    gsonBean([
      ["instance", null],
      ["backupInstance", null],
      ["user", null],
      ["workspace", null],
      ["project", null],
      ["flow", null],
      ["contextId", contextId],
      ["version", null],
      ["env", null],
    ]),
  );

/**
 * A heartbeat change for a Linkis client: its HttpHeartBeater takes each list element's
 * `toString()` to the serialization helper, so each must be a serialized string (a plain object
 * would reach it as a Java map's `{k=v}` text). Linkis's ContextKeyValueBean fields (`csKey`,
 * `csValue`, `csID`, each serialized as its own serializer writes it), then our `op` and
 * `revision`. Linkis ships no serializer for the bean, so a stock client skips these entries
 * (it logs nothing and keeps heartbeating); a client with one gets every layer back.
 */
export function serializeChangeBean(e: ChangeEvent): string {
  const full = e.entry?.contextScope ? (e.entry as Entry) : undefined;
  const key =
    e.key === null
      ? null
      : full
        ? serializeKey({ ...full, keywords: full.keyKeywords })
        : wrap(
            "commonContextKey",
            gsonBean([
              ["key", e.key],
              ["contextType", e.contextType],
              ["contextScope", null],
              ["keywords", null],
            ]),
          );
  const value = (e.op === "created" || e.op === "updated") && full ? serializeContextValue(full) : null;
  return wrap(
    "ContextKeyValueBean",
    gsonBean([
      ["csKey", key],
      ["csValue", value],
      ["csID", serializeBareId(e.contextId)],
      ["op", e.op],
      ["revision", e.revision],
    ]),
  );
}
