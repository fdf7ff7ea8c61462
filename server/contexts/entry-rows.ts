import type { ContextEntry, ContextId } from "../persistence/generated/sqlite/client.ts";
import type { ContextMeta, ContextScope, ContextType, Entry, ExpireType } from "../core/context-types.ts";

/** Database row → engine entry. */
export function rowToEntry(row: ContextEntry): Entry {
  return {
    key: row.key,
    contextType: row.contextType as ContextType,
    contextScope: row.contextScope as ContextScope,
    value: JSON.parse(row.valueJson),
    valueType: row.valueType ?? undefined,
    keyKeywords: JSON.parse(row.keyKeywords),
    valueKeywords: JSON.parse(row.valueKeywords),
    keywords: JSON.parse(row.keywords),
    revision: row.revision,
    createTime: row.createTime,
    updateTime: row.updateTime,
  };
}

/** Engine entry → the row's writable columns. */
export const entryColumns = (entry: Entry) => ({
  contextScope: entry.contextScope,
  valueJson: JSON.stringify(entry.value ?? null),
  valueType: entry.valueType ?? null,
  keyKeywords: JSON.stringify(entry.keyKeywords),
  valueKeywords: JSON.stringify(entry.valueKeywords),
  keywords: JSON.stringify(entry.keywords),
  revision: entry.revision,
  updateTime: entry.updateTime,
});

export function rowToMeta(row: ContextId): ContextMeta {
  return { ...row, expireType: row.expireType as ExpireType };
}
