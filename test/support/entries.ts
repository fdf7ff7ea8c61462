import type { ContextMeta, ContextType, Entry } from "../../server/core/context-types.ts";

/** A plain entry for unit tests. */
export function makeEntry(key: string, contextType: ContextType = "DATA", over: Partial<Entry> = {}): Entry {
  return {
    key,
    contextType,
    contextScope: "PUBLIC",
    value: { v: key },
    keyKeywords: [],
    valueKeywords: [],
    keywords: [key],
    revision: 1,
    createTime: new Date(0),
    updateTime: new Date(0),
    ...over,
  };
}

export function makeMeta(id: number): ContextMeta {
  const t = new Date(0);
  return {
    id,
    user: "u",
    application: null,
    source: null,
    expireType: "NEVER",
    expireTime: null,
    instance: "cs_1_dev",
    backupInstance: "cs_1_dev",
    revision: 0,
    createTime: t,
    updateTime: t,
    accessTime: t,
  };
}
