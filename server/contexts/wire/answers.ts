import type { ContextMeta, Entry } from "../../core/context-types.ts";
import { formatPublicId } from "../../core/public-id.ts";

/** `{ value, keywords, valueType? }` as docs/API.md answers a context value. */
export const contextValueJson = (e: Entry) => ({
  value: e.value,
  keywords: e.valueKeywords,
  ...(e.valueType ? { valueType: e.valueType } : {}),
});

export const contextKeyJson = (e: Entry) => ({
  key: e.key,
  contextType: e.contextType,
  contextScope: e.contextScope,
  keywords: e.keyKeywords,
});

export const keyValueJson = (e: Entry) => ({ contextKey: contextKeyJson(e), contextValue: contextValueJson(e) });

/** A context's fields and times (ISO 8601), with its public id. */
export const contextIdJson = (m: ContextMeta) => ({
  contextId: formatPublicId(m),
  user: m.user,
  application: m.application,
  source: m.source,
  expireType: m.expireType,
  expireTime: m.expireTime?.toISOString() ?? null,
  instance: m.instance,
  backupInstance: m.backupInstance,
  revision: m.revision,
  createTime: m.createTime.toISOString(),
  updateTime: m.updateTime.toISOString(),
  accessTime: m.accessTime.toISOString(),
});
