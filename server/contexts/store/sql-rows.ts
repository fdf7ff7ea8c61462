import type { ContextFields } from "../context-store.ts";
import type { ContextMeta, ContextScope, ContextType, Entry, ExpireType } from "../../core/context-types.ts";

/** Columns of context_id and context_entry as the drivers return them (times as Date or text). */
export interface ContextRow {
  id: number;
  user: string | null;
  application: string | null;
  source: string | null;
  expireType: string;
  expireTime: Date | string | null;
  instance: string;
  backupInstance: string;
  revision: number;
  createTime: Date | string;
  updateTime: Date | string;
  accessTime: Date | string;
}

export interface EntryRow {
  key: string;
  contextType: string;
  contextScope: string;
  valueJson: string;
  valueType: string | null;
  keyKeywords: string;
  valueKeywords: string;
  keywords: string;
  revision: number;
  createTime: Date | string;
  updateTime: Date | string;
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

export function rowToMeta(row: ContextRow): ContextMeta {
  return {
    id: row.id,
    user: row.user,
    application: row.application,
    source: row.source,
    expireType: row.expireType as ExpireType,
    expireTime: row.expireTime === null ? null : toDate(row.expireTime),
    instance: row.instance,
    backupInstance: row.backupInstance,
    revision: row.revision,
    createTime: toDate(row.createTime),
    updateTime: toDate(row.updateTime),
    accessTime: toDate(row.accessTime),
  };
}

export function rowToEntry(row: EntryRow): Entry {
  const value: unknown = JSON.parse(row.valueJson);
  return {
    key: row.key,
    contextType: row.contextType as ContextType,
    contextScope: row.contextScope as ContextScope,
    value,
    valueType: row.valueType ?? undefined,
    // A Linkis writer's text, kept only when re-serialising the value would not give it back.
    ...(JSON.stringify(value) !== row.valueJson && { valueText: row.valueJson }),
    keyKeywords: JSON.parse(row.keyKeywords),
    valueKeywords: JSON.parse(row.valueKeywords),
    keywords: JSON.parse(row.keywords),
    revision: row.revision,
    createTime: toDate(row.createTime),
    updateTime: toDate(row.updateTime),
  };
}

/** The value column: a Linkis writer's text as written (valid JSON of the same value), else our JSON. */
export const entryValueJson = (e: Entry) => e.valueText ?? JSON.stringify(e.value ?? null);

export const ENTRY_COLUMNS = `"key", "contextType", "contextScope", "valueJson", "valueType", "keyKeywords", "valueKeywords", "keywords", "revision", "createTime", "updateTime"`;

/** The settable fields of a context, in a fixed order, with which of them the call sets. */
export const FIELD_NAMES = ["user", "application", "source", "expireType", "expireTime"] as const;
export const definedFieldNames = (fields: ContextFields) => FIELD_NAMES.filter((f) => fields[f] !== undefined);
