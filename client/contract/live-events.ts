import type { ContextType } from "./context-kinds.ts";

// What the socket.io namespace `/events` takes and sends (docs/API.md "Live events").

/** The change a committed write made. */
export const changeOps = [
  "created",
  "updated",
  "removed",
  "context-created",
  "context-removed",
  "context-cleared",
] as const;
export type ChangeOp = (typeof changeOps)[number];

/** Most context ids one subscription may name in `filter.contextIds`, and in `resume` (each). */
export const MAX_SUBSCRIPTION_CONTEXT_IDS = 10_000;

/** What a subscriber wants: fields combine with AND, values inside one list with OR. */
export interface SubscribeFilter {
  contextIds?: string[];
  contextTypes?: ContextType[];
  keyPrefix?: string;
  keywords?: string[];
  ops?: ChangeOp[];
  /** The value's field at this dot path equals this scalar. */
  valueMatch?: { path: string; equals: string | number | boolean | null };
}

/** `subscribe`'s payload. */
export interface SubscribeRequest {
  filter?: SubscribeFilter;
  /** A projection of the value: only these dot paths are sent. */
  converter?: { fields: string[] };
  includeCurrentState?: boolean;
  /** The last revision seen per context: events after it are replayed from the change log. */
  resume?: Record<string, number>;
}

/** One `event` a subscription receives. */
export interface LiveEvent {
  subscriptionId: string;
  contextId: string;
  revision: number;
  op: ChangeOp;
  contextType: ContextType | null;
  key: string | null;
  value: unknown;
}
