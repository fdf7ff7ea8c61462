import type { ChangeEvent } from "../../core/context-types.ts";
import type { Filter } from "./subscribe-request.ts";
import { readPath } from "./read-path.ts";

const CONTEXT_OPS = new Set(["context-created", "context-removed", "context-cleared"]);

/**
 * Compiles a filter to a predicate, evaluated where the event happens. Context events
 * (created/removed/cleared) have no key or type: only `contextIds` and `ops` apply to them,
 * so a filtered view still learns that its context was cleared or removed.
 */
export function matchFilter(filter: Filter = {}): (e: ChangeEvent) => boolean {
  const contextIds = filter.contextIds && new Set(filter.contextIds);
  const types = filter.contextTypes && new Set<string>(filter.contextTypes);
  const ops = filter.ops && new Set<string>(filter.ops);
  const keywords = filter.keywords && new Set(filter.keywords);
  const { keyPrefix, valueMatch } = filter;
  return (e) => {
    if (contextIds && !contextIds.has(e.contextId)) return false;
    if (ops && !ops.has(e.op)) return false;
    if (CONTEXT_OPS.has(e.op)) return true;
    if (types && !types.has(e.contextType!)) return false;
    if (keyPrefix && !e.key!.startsWith(keyPrefix)) return false;
    if (keywords && !e.entry?.keywords.some((k) => keywords.has(k))) return false;
    if (valueMatch) {
      // A removal is judged by the value it removed: a view of matching entries must learn it is gone.
      const value = e.op === "removed" ? e.entry?.value : e.value;
      if (readPath(value, valueMatch.path) !== valueMatch.equals) return false;
    }
    return true;
  };
}
