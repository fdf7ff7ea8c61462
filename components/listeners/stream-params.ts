import { contextTypes } from "../../client/contract/context-kinds.ts";
import { changeOps, type SubscribeFilter } from "../../client/contract/live-events.ts";

export { changeOps };

/** How many events the page keeps, newest first; the oldest go past it. */
export const caps = [100, 500, 1000, 5000] as const;
export const DEFAULT_CAP = 500;

/** A live subscription's filter, as socket.io `/events` takes it (an empty list is left out: the server wants at least one). */
export type StreamFilter = Pick<SubscribeFilter, "contextIds" | "contextTypes" | "keyPrefix" | "ops">;

const list = (value: string | null) => (value ?? "").split(/[\s,]+/).filter(Boolean);
/** The values of `value` that `allowed` has, typed as its members. */
const listOf = <T extends string>(value: string | null, allowed: readonly T[]) =>
  list(value).filter((v): v is T => (allowed as readonly string[]).includes(v));

/**
 * The stream's state in the URL (a shareable link): `stream=1` while it runs, its filter
 * (`ids`, `types`, `prefix`, `ops`; lists comma-separated), `current=1` (begin with each matching
 * context's current entries) and `cap`. `key` changes exactly when the subscription does, so the
 * page can start a new one then.
 */
export function streamParams(params: URLSearchParams) {
  const ids = list(params.get("ids"));
  const types = listOf(params.get("types"), contextTypes);
  const ops = listOf(params.get("ops"), changeOps);
  const prefix = params.get("prefix") ?? "";
  const filter: StreamFilter = {
    ...(ids.length && { contextIds: ids }),
    ...(types.length && { contextTypes: types }),
    ...(prefix && { keyPrefix: prefix }),
    ...(ops.length && { ops }),
  };
  const cap = Number(params.get("cap"));
  const includeCurrentState = params.get("current") === "1";
  return {
    running: params.get("stream") === "1",
    filter,
    includeCurrentState,
    key: JSON.stringify({ filter, includeCurrentState }),
    cap: (caps as readonly number[]).includes(cap) ? cap : DEFAULT_CAP,
  };
}
