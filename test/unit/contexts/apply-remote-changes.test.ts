import { describe, expect, it } from "vitest";
import { ContextCache } from "../../../server/cache/context-cache.ts";
import { ContextIDValue } from "../../../server/cache/context-id-value.ts";
import { applyRemoteChanges } from "../../../server/contexts/apply-remote-changes.ts";
import type { ChangeEvent, Entry } from "../../../server/core/context-types.ts";
import { formatPublicId } from "../../../server/core/public-id.ts";
import { makeEntry, makeMeta } from "../../support/entries.ts";

const ID = 42;
const publicId = formatPublicId({ instance: "cs_1_dev", backupInstance: "cs_1_dev", id: ID });

function cached(revision: number, entries: Entry[] = []) {
  const cache = new ContextCache({ maxContexts: 10, maxBytes: 1e9 });
  const ctx = new ContextIDValue({ ...makeMeta(ID), revision }, 0, 0);
  entries.forEach((e) => ctx.put(e));
  cache.set(ctx);
  return { cache, ctx };
}

const write = (revision: number, entry: Partial<Entry> & Pick<Entry, "key" | "value">): ChangeEvent => ({
  contextId: publicId,
  revision,
  op: "updated",
  contextType: "DATA",
  key: entry.key,
  value: entry.value,
  time: new Date(revision * 1000),
  entry: makeEntry(entry.key, "DATA", { ...entry, revision }),
});
const removal = (revision: number, key: string): ChangeEvent => ({
  contextId: publicId,
  revision,
  op: "removed",
  contextType: "DATA",
  key,
  value: null,
  time: new Date(revision * 1000),
});

describe("applyRemoteChanges", () => {
  it("applies the next revisions to a cached context and ignores ones it has", () => {
    const { cache, ctx } = cached(3, [makeEntry("a"), makeEntry("b")]);
    applyRemoteChanges(cache, [
      write(3, { key: "a", value: "old" }),
      write(4, { key: "a", value: 1 }),
      removal(5, "b"),
    ]);
    expect(cache.peek(ID)).toBe(ctx);
    expect(ctx.meta.revision).toBe(5);
    expect(ctx.get("DATA", "a")?.value).toBe(1);
    expect(ctx.get("DATA", "b")).toBeUndefined();
  });

  it("drops the context on a gap, so the next read loads every change from the database", () => {
    const { cache } = cached(3);
    applyRemoteChanges(cache, [write(5, { key: "a", value: 1 })]);
    expect(cache.peek(ID)).toBeUndefined();
  });

  it("drops it for a change read back from the change log (keywords and value only) and for a removed or cleared context", () => {
    const partial = { ...write(4, { key: "a", value: 1 }), entry: { keywords: ["a"], value: 1 } };
    const first = cached(3);
    applyRemoteChanges(first.cache, [partial]);
    expect(first.cache.peek(ID)).toBeUndefined();
    const second = cached(3);
    applyRemoteChanges(second.cache, [{ ...removal(4, "a"), op: "context-removed", key: null, contextType: null }]);
    expect(second.cache.peek(ID)).toBeUndefined();
    // A cleanup's clear deletes the context; clearValues keeps it: only the database knows which.
    const third = cached(3, [makeEntry("a")]);
    applyRemoteChanges(third.cache, [{ ...removal(4, "a"), op: "context-cleared", key: null, contextType: null }]);
    expect(third.cache.peek(ID)).toBeUndefined();
  });

  it("marks a load in flight stale, so what it read before the change is not cached", async () => {
    const cache = new ContextCache({ maxContexts: 10, maxBytes: 1e9 });
    let finish!: () => void;
    const loading = cache.get(ID, async () => {
      await new Promise<void>((r) => (finish = r));
      return new ContextIDValue({ ...makeMeta(ID), revision: 3 }, 0, 0);
    });
    applyRemoteChanges(cache, [write(4, { key: "a", value: 1 })]);
    finish();
    await loading;
    expect(cache.peek(ID)).toBeUndefined();
  });
});
