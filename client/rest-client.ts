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

export type ContextType = "METADATA" | "DATA" | "RESOURCE" | "OBJECT" | "ENV" | "COST" | "UDF" | "Variable";
export type ContextScope = "PRIVATE" | "PUBLIC" | "PROTECTED" | "FRIENDLY";
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
  op: string;
  revision: number;
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
  async call<T = Record<string, unknown>>(name: string, body: unknown): Promise<T> {
    const headers: Record<string, string> = { "content-type": "application/json", ...this.#auth() };
    const res = await fetch(`${this.options.baseUrl}/api/rest_j/v1/contextservice/${name}`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
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
    const res = await fetch(
      `${this.options.baseUrl}/api/rest_j/v1/contextservice/getContextID?contextId=${encodeURIComponent(contextId)}`,
      { headers: this.#auth() },
    );
    const envelope = (await res.json()) as {
      status: number;
      message: string;
      data: { contextID: Record<string, unknown> };
    };
    if (!res.ok) throw new ContextServiceError(res.status, envelope.status, envelope.message);
    return envelope.data.contextID;
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
