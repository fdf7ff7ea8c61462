import { z } from "zod";
import {
  contextScopes,
  contextTypes,
  expireTypes,
  type ContextScope,
  type ContextType,
  type ExpireType,
} from "../../client/contract/context-kinds.ts";
import type { ChangeOp, LiveEvent } from "../../client/contract/live-events.ts";

// The lists are the wire contract's (client/contract/): one copy for server, dashboard and SDK.
export {
  contextScopes,
  contextTypes,
  expireTypes,
  type ChangeOp,
  type ContextScope,
  type ContextType,
  type ExpireType,
};

export const contextTypeSchema = z.enum(contextTypes);
export const contextScopeSchema = z.enum(contextScopes);
export const expireTypeSchema = z.enum(expireTypes);

/** One context's own fields (the context_id row), as the engine holds them. */
export interface ContextMeta {
  id: number;
  user: string | null;
  application: string | null;
  source: string | null;
  expireType: ExpireType;
  expireTime: Date | null;
  instance: string;
  backupInstance: string;
  revision: number;
  createTime: Date;
  updateTime: Date;
  accessTime: Date;
}

/** One key/value of a context, as cached and indexed. */
export interface Entry {
  key: string;
  contextType: ContextType;
  contextScope: ContextScope;
  value: unknown;
  valueType?: string;
  /**
   * The value's JSON text exactly as a Linkis client wrote it (Gson's escapes, number forms,
   * dates), answered back byte for byte; absent when `JSON.stringify(value)` is that text.
   */
  valueText?: string;
  /** What the writer gave on the key and on the value (answered back as they were). */
  keyKeywords: string[];
  valueKeywords: string[];
  /** Every keyword the entry is found under: key + writer's + rule-derived. */
  keywords: string[];
  revision: number;
  createTime: Date;
  updateTime: Date;
}

/**
 * A committed change as the bus carries it: the contract's live event (the entry's value after
 * the change; null for removals and context events) without the subscription, plus when.
 */
export interface ChangeEvent extends Omit<LiveEvent, "subscriptionId"> {
  time: Date;
  /**
   * In-process only, never sent: the entry after the change (created/updated) or the one
   * removed. Events replayed from the change log carry only its keywords and value.
   */
  entry?: Pick<Entry, "keywords" | "value"> & Partial<Entry>;
}
