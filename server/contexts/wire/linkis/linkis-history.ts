import type { ContextHistory } from "../../../persistence/generated/sqlite/client.ts";
import { deriveKeywords } from "../../keywords/derive-keywords.ts";
import type { KeywordRules } from "../../keywords/keyword-rules.ts";
import { gsonStringMap } from "./gson.ts";
import { LINKIS_HISTORY_TYPES } from "./linkis-types.ts";
import { unwrap, wrap } from "./serialized.ts";
import { badInput } from "../../../core/errors.ts";
import { parseRequestJson, RefusedJson } from "../../../core/json-guards.ts";

/**
 * A Linkis history as its serializers write it: a type and a `Map<String, String>` of `source`,
 * `contextType`, optionally `id`, and the type's own fields (`resource`: a serialized Resource;
 * `table` + `operationType`; `targetTable` + `sourceTables` as plain JSON text).
 */
export interface LinkisHistory {
  type: string;
  fields: [string, string | null][];
}

/** The history inside a serialized `contextHistory`, or null when it is not one of Linkis's. */
export function parseLinkisHistory(input: unknown): LinkisHistory | null {
  const outer = unwrap(input);
  if (!outer || outer.value === null) return null;
  if (!LINKIS_HISTORY_TYPES.some((t) => t.toLowerCase() === outer.type.toLowerCase())) return null;
  let map: unknown;
  try {
    map = parseRequestJson(outer.value);
  } catch (err) {
    if (err instanceof RefusedJson) throw badInput(`${err.message}`);
    return null;
  }
  if (typeof map !== "object" || map === null || Array.isArray(map)) return null;
  const fields = Object.entries(map).map(([k, v]): [string, string | null] => [
    k,
    v === null || v === undefined ? null : typeof v === "string" ? v : JSON.stringify(v),
  ]);
  return { type: outer.type, fields };
}

export const historyField = (h: LinkisHistory, name: string) => h.fields.find(([k]) => k === name)?.[1] ?? null;

/**
 * What a history is found under: its source and the keywords of the resource or tables it
 * holds, by the same rules as values (Linkis never fills these for client-written histories).
 */
export function historyKeywords(rules: KeywordRules, h: LinkisHistory): string[] {
  const out = [historyField(h, "source") ?? ""];
  const resource = unwrap(historyField(h, "resource"));
  if (resource?.value) out.push(...deriveKeywords(rules, resource.type, parse(resource.value)));
  for (const name of ["table", "targetTable"])
    out.push(...deriveKeywords(rules, "CSTable", parse(historyField(h, name))));
  const sources = parse(historyField(h, "sourceTables"));
  if (Array.isArray(sources)) for (const t of sources) out.push(...deriveKeywords(rules, "CSTable", t));
  return [...new Set(out.map((k) => k.trim()).filter(Boolean))];
}

/**
 * A stored history answered in Linkis's form, as its server does after reading it back: the
 * same type and fields, with the record's `id` (the serializer writes it once it is known).
 * A history written as plain JSON travels as its fields under the type `contextHistory`.
 */
export function serializeHistory(row: ContextHistory): string {
  const h = parseLinkisHistory(row.historyJson);
  if (!h) {
    return wrap(
      "contextHistory",
      gsonStringMap([
        ["id", String(row.id)],
        ["source", row.source],
        ["contextType", row.contextType],
        ["keyword", row.keyword],
        ["historyJson", row.historyJson],
      ]),
    );
  }
  const rest = h.fields.filter(([k]) => k !== "id" && k !== "source" && k !== "contextType");
  return wrap(
    h.type,
    gsonStringMap([["id", String(row.id)], ["source", row.source], ["contextType", row.contextType], ...rest]),
  );
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return parseRequestJson(text);
  } catch (err) {
    if (err instanceof RefusedJson) throw badInput(`${err.message}`);
    return null;
  }
}
