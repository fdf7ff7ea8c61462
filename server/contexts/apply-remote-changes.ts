import type { ContextCache } from "../cache/index.ts";
import type { ChangeEvent, Entry } from "../core/context-types.ts";
import { parsePublicId } from "../core/public-id.ts";

/**
 * Another node's committed changes, applied to what this node caches so a read here sees them.
 * A cached context takes the change that is exactly its next revision and ignores ones it
 * already has; anything else (a gap, a change without its whole entry, a removed or cleared
 * context) drops it from the cache and the next read loads it from the database, which has them
 * all. A cleanup's `context-cleared` deletes the context itself, a `clearValues` one only its
 * values: the event does not say which, the database does. A context
 * that is loading is marked stale, so a load that started before the change is not kept.
 */
export function applyRemoteChanges(cache: ContextCache, events: readonly ChangeEvent[]) {
  for (const e of events) {
    const id = parsePublicId(e.contextId).id;
    const ctx = cache.peek(id);
    if (!ctx) {
      cache.delete(id);
      continue;
    }
    const current = ctx.meta.revision;
    if (e.revision <= current) continue;
    const entry = e.op === "created" || e.op === "updated" ? wholeEntry(e.entry) : undefined;
    const applicable = e.revision === current + 1 && (entry !== undefined || e.op === "removed");
    if (!applicable) {
      cache.delete(id);
      continue;
    }
    if (entry) ctx.put(entry);
    else ctx.remove(e.contextType!, e.key!);
    ctx.meta.revision = e.revision;
    ctx.meta.updateTime = e.time;
  }
  cache.enforceBounds();
}

/** A stream event carries the whole entry; one read back from the change log only its keywords and value. */
function wholeEntry(entry: ChangeEvent["entry"]): Entry | undefined {
  return entry && entry.contextScope !== undefined && entry.keyKeywords !== undefined ? (entry as Entry) : undefined;
}

/** Contexts another node changed without a revision (their own fields): the next read reloads them. */
export function forgetRemoteContexts(cache: ContextCache, publicIds: readonly string[]) {
  for (const publicId of publicIds) cache.delete(parsePublicId(publicId).id);
}
