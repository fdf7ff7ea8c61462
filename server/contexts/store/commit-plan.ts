import type { Mutation } from "../context-store.ts";
import type { ChangeEvent, ContextType } from "../../core/context-types.ts";

/** One queued commit: a context's mutations, written together. */
export interface CommitWrite {
  contextId: number;
  publicId: string;
  mutations: Mutation[];
  now: Date;
}

/** A change-log row's columns. */
export interface LogRow {
  revision: number;
  op: ChangeEvent["op"];
  contextType: ContextType | null;
  key: string | null;
  valueJson: string | null;
  keywords: string | null;
}

/**
 * Stamps each mutation with its revision (`last` is the context's revision after the bump)
 * and returns the events and change-log rows the commit makes.
 */
export function planCommit(w: CommitWrite, last: number): { events: ChangeEvent[]; log: LogRow[] } {
  const first = last - w.mutations.length + 1;
  const events: ChangeEvent[] = [];
  const log: LogRow[] = [];
  w.mutations.forEach((m, i) => {
    const revision = first + i;
    let e: ChangeEvent;
    if (m.op === "created" || m.op === "updated") {
      m.entry.revision = revision;
      e = event(w.publicId, revision, m.op, m.entry.contextType, m.entry.key, m.entry.value, w.now);
    } else if (m.op === "removed") e = event(w.publicId, revision, "removed", m.contextType, m.key, null, w.now);
    else e = event(w.publicId, revision, "context-cleared", null, null, null, w.now);
    events.push(e);
    log.push({
      revision,
      op: e.op,
      contextType: e.contextType,
      key: e.key,
      // A removal logs the value it removed: resumed events are filtered by it like live ones.
      valueJson: loggedValue(m),
      keywords: keywordsOf(m),
    });
  });
  return { events, log };
}

/** Most updates change the value, not the keywords: then the keyword rows stay as they are. */
export const keywordsChanged = (m: Extract<Mutation, { entry: unknown }>) =>
  m.op !== "updated" || !sameList(m.previousKeywords, m.entry.keywords);

const sameList = (a: string[] | undefined, b: string[]) =>
  a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

const loggedValue = (m: Mutation) =>
  "entry" in m
    ? JSON.stringify(m.entry.value ?? null)
    : m.op === "removed" && m.value !== undefined
      ? JSON.stringify(m.value)
      : null;

/** Keywords logged with a change: the written entry's; a removal's are filled in by the service. */
const keywordsOf = (m: Mutation) =>
  "entry" in m
    ? JSON.stringify(m.entry.keywords)
    : m.op === "removed" && m.keywords
      ? JSON.stringify(m.keywords)
      : null;

export const event = (
  contextId: string,
  revision: number,
  op: ChangeEvent["op"],
  contextType: ContextType | null,
  key: string | null,
  value: unknown,
  time: Date,
): ChangeEvent => ({ contextId, revision, op, contextType, key, value, time });
