import { contextTypes } from "../contexts/context-kinds.ts";

// The engine's list (server/listeners/live/subscribe-request.ts); pages reach it only over socket.io, so they keep a copy.
export const changeOps = [
  "created",
  "updated",
  "removed",
  "context-created",
  "context-removed",
  "context-cleared",
] as const;

/** How many events the page keeps, newest first; the oldest go past it. */
export const caps = [100, 500, 1000, 5000] as const;
export const DEFAULT_CAP = 500;

/** A live subscription's filter, as socket.io `/events` takes it (an empty list is left out: the server wants at least one). */
export interface StreamFilter {
  contextIds?: string[];
  contextTypes?: string[];
  keyPrefix?: string;
  ops?: string[];
}

const list = (value: string | null, allowed?: readonly string[]) =>
  (value ?? "").split(/[\s,]+/).filter((v) => v && (!allowed || allowed.includes(v)));

/**
 * The stream's state in the URL (a shareable link): `stream=1` while it runs, its filter
 * (`ids`, `types`, `prefix`, `ops`; lists comma-separated) and `cap`. `key` changes exactly when
 * the filter does, so the page can start a new subscription then.
 */
export function streamParams(params: URLSearchParams) {
  const ids = list(params.get("ids"));
  const types = list(params.get("types"), contextTypes);
  const ops = list(params.get("ops"), changeOps);
  const prefix = params.get("prefix") ?? "";
  const filter: StreamFilter = {
    ...(ids.length && { contextIds: ids }),
    ...(types.length && { contextTypes: types }),
    ...(prefix && { keyPrefix: prefix }),
    ...(ops.length && { ops }),
  };
  const cap = Number(params.get("cap"));
  return {
    running: params.get("stream") === "1",
    filter,
    key: JSON.stringify(filter),
    cap: (caps as readonly number[]).includes(cap) ? cap : DEFAULT_CAP,
  };
}
