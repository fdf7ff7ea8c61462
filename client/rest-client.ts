import type { ContextScope, ContextType } from "./contract/context-kinds.ts";
import type { ChangeOp } from "./contract/live-events.ts";

/**
 * A small typed client for ContextService's REST API, for Node services (and our tests).
 * Every call answers the envelope's `data`, or throws ContextServiceError with its status.
 */
export interface ClientOptions {
  baseUrl: string;
  token: string;
  /** Send Linkis's Token-Code/Token-User headers instead of a Bearer token. */
  tokenUser?: string;
}

// The wire contract's lists and shapes (./contract/, shipped in this package), one copy shared with the server and the dashboard.
export type { ChangeOp, ContextScope, ContextType };
export interface ContextKey {
  key: string;
  contextType: ContextType;
  contextScope?: ContextScope;
  keywords?: string[];
}
export interface ContextValue<T = unknown> {
  value: T;
  keywords?: string[];
  valueType?: string;
}
export interface KeyValue {
  contextKey: Required<ContextKey>;
  contextValue: ContextValue;
}
export interface ChangeBean {
  contextId: string;
  contextKey: Required<ContextKey> | null;
  contextValue: ContextValue | null;
  op: ChangeOp;
  revision: number;
}

/** A history as the plain dialect answers it. */
export interface ContextHistory {
  source: string;
  contextType: ContextType;
  /** Comma-separated keywords searchHistory finds it by (derived for Linkis's history types). */
  keyword: string | null;
  /** The history's own JSON text, kept as written. */
  historyJson: string;
  createTime: string;
  updateTime: string;
}
export interface NewContextHistory {
  source: string;
  contextType: ContextType;
  keyword?: string;
  /** JSON text, or a value to store as JSON. */
  historyJson: string | object;
}

/**
 * The six time bounds of the cleanup calls (Linkis's seed `cs-client` API); each inclusive,
 * `yyyy-MM-dd HH:mm:ss` in the server's time zone, ISO 8601, or a Date. At least one is needed.
 */
export interface TimeBounds {
  createTimeStart?: string | Date;
  createTimeEnd?: string | Date;
  updateTimeStart?: string | Date;
  updateTimeEnd?: string | Date;
  accessTimeStart?: string | Date;
  accessTimeEnd?: string | Date;
}

export class ContextServiceError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ContextServiceError";
  }
}

export class ContextServiceClient {
  constructor(readonly options: ClientOptions) {}

  /** Calls `/api/rest_j/v1/contextservice/<name>` with a JSON body and returns `data`. */
  call<T = Record<string, unknown>>(name: string, body: unknown): Promise<T> {
    return this.#request<T>(name, {
      method: "POST",
      headers: { "content-type": "application/json", ...this.#auth() },
      body: JSON.stringify(body),
    });
  }

  /** GETs `/api/rest_j/v1/contextservice/<name>?<query>` and returns `data`. */
  #get<T>(name: string, query: Record<string, string>): Promise<T> {
    return this.#request<T>(`${name}?${new URLSearchParams(query)}`, { headers: this.#auth() });
  }

  async #request<T>(path: string, init: RequestInit): Promise<T> {
    const res = await fetch(`${this.options.baseUrl}/api/rest_j/v1/contextservice/${path}`, init);
    const envelope = (await res.json().catch(() => ({}))) as { status?: number; message?: string; data?: T };
    if (!res.ok || envelope.status !== 0)
      throw new ContextServiceError(res.status, envelope.status ?? -2, envelope.message ?? res.statusText);
    return envelope.data as T;
  }

  async createContext(
    fields: { user?: string; application?: string; source?: string; expireType?: string; expireTime?: string } = {},
  ): Promise<string> {
    return (await this.call<{ contextId: string }>("createContextID", { contextID: fields })).contextId;
  }

  async getContext(contextId: string) {
    return (await this.#get<{ contextID: Record<string, unknown> }>("getContextID", { contextId })).contextID;
  }

  removeContext = (contextId: string) => this.call("removeContextID", { contextID: contextId });
  resetContext = (contextId: string) => this.call("resetContextID", { contextID: contextId });

  setValue = (contextId: string, contextKey: ContextKey, contextValue: ContextValue) =>
    this.call("setValueByKey", { contextID: contextId, contextKey, contextValue });

  async getValue(contextId: string, contextKey: ContextKey): Promise<ContextValue | null> {
    return (
      await this.call<{ contextValue: ContextValue | null }>("getContextValue", { contextID: contextId, contextKey })
    ).contextValue;
  }

  removeValue = (contextId: string, contextKey: ContextKey) =>
    this.call("removeValue", { contextID: contextId, contextKey });

  async search(contextId: string, condition: unknown): Promise<KeyValue[]> {
    return (await this.call<{ contextKeyValue: KeyValue[] }>("searchContextValue", { contextID: contextId, condition }))
      .contextKeyValue;
  }

  bindIdListener = (contextId: string, source: string) =>
    this.call("onBindIDListener", { contextID: contextId, source });
  bindKeyListener = (contextId: string, contextKey: ContextKey, source: string) =>
    this.call("onBindKeyListener", { contextID: contextId, contextKey, source });

  async heartbeat(source: string): Promise<{ changes: ChangeBean[]; resync: boolean }> {
    const data = await this.call<{ ContextKeyValueBean: ChangeBean[]; resync?: boolean }>("heartbeat", { source });
    return { changes: data.ContextKeyValueBean, resync: Boolean(data.resync) };
  }

  createHistory = (contextId: string, history: NewContextHistory) =>
    this.call("createHistory", { contextID: contextId, contextHistory: history });
  removeHistory = (contextId: string, source: string) =>
    this.call("removeHistory", { contextID: contextId, contextHistory: { source } });

  async getHistories(contextId: string): Promise<ContextHistory[]> {
    return (await this.call<{ contextHistory: ContextHistory[] }>("getHistories", { contextID: contextId }))
      .contextHistory;
  }

  /** The history written under `source`, or null. */
  async getHistory(contextId: string, source: string): Promise<ContextHistory | null> {
    return (await this.call<{ contextHistory: ContextHistory | null }>("getHistory", { contextID: contextId, source }))
      .contextHistory;
  }

  /** Histories carrying any of `keywords`. */
  async searchHistory(contextId: string, keywords: string[]): Promise<ContextHistory[]> {
    return (await this.call<{ contextHistory: ContextHistory[] }>("searchHistory", { contextID: contextId, keywords }))
      .contextHistory;
  }

  /**
   * Ids of the contexts inside the bounds, oldest created first, one page (pageSize at most
   * 5000; 0 means the default). Needs an admin token.
   */
  async searchHAIDByTime(bounds: TimeBounds, page: { pageNow?: number; pageSize?: number } = {}): Promise<string[]> {
    const query = setFieldsAsText({ ...bounds, ...page });
    return (await this.#get<{ contextIDs: string[] }>("searchContextIDByTime", query)).contextIDs;
  }

  /** Clears the contexts named (at most 5000) with everything under them; answers how many. Admin only. */
  async batchClearContextByHAID(idList: string[]): Promise<number> {
    return Number.parseInt((await this.call<{ num: string }>("clearAllContextByID", { idList })).num, 10);
  }

  /** Clears every context inside the bounds; answers how many. Admin only. */
  async batchClearContextByTime(bounds: TimeBounds): Promise<number> {
    return Number.parseInt(
      (await this.call<{ num: string }>("clearAllContextByTime", setFieldsAsText(bounds))).num,
      10,
    );
  }

  /**
   * Heartbeats every `intervalMs`, handing changes to `onChanges`. When the server forgot the
   * client (404: it timed out), `rebind` runs so the bindings come back. Returns a stop function.
   */
  heartbeatLoop(
    source: string,
    intervalMs: number,
    onChanges: (changes: ChangeBean[], resync: boolean) => void,
    rebind: () => Promise<void>,
  ) {
    let stopped = false;
    const tick = async () => {
      if (stopped) return;
      try {
        const { changes, resync } = await this.heartbeat(source);
        if (changes.length || resync) onChanges(changes, resync);
      } catch (err) {
        if (err instanceof ContextServiceError && err.httpStatus === 404) await rebind().catch(() => {});
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    let timer = setTimeout(tick, intervalMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  #auth(): Record<string, string> {
    const { token, tokenUser } = this.options;
    return tokenUser ? { "Token-Code": token, "Token-User": tokenUser } : { authorization: `Bearer ${token}` };
  }
}

/** The fields that are set, as text (Dates in ISO 8601): a query string's or the time bounds' form. */
const setFieldsAsText = (o: object): Record<string, string> =>
  Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v != null)
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v)]),
  );
