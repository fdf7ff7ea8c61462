import { ContextIDValue, type ContextCache } from "../cache/index.ts";
import { notFound } from "../core/errors.ts";
import type { ChangeBus } from "../core/change-bus.ts";
import type { AccessTimeRecorder } from "./access-time-recorder.ts";
import type { ContextFields, ContextStore, Mutation } from "./context-store.ts";
import { deriveKeywords, entryKeywords } from "./keywords/derive-keywords.ts";
import type { KeywordRules } from "./keywords/keyword-rules.ts";
import { KeyedMutex } from "./keyed-mutex.ts";
import { formatPublicId, parsePublicId } from "../core/public-id.ts";
import type { SearchCondition } from "./search/condition-schema.ts";
import { DEFAULT_SEARCH_BUDGET_MS, runSearch } from "./search/run-search.ts";
import type { ContextMeta, ContextScope, ContextType, Entry } from "../core/context-types.ts";

export interface ContextServiceDeps {
  store: ContextStore;
  cache: ContextCache;
  bus: ChangeBus;
  accessTimes: AccessTimeRecorder;
  rules: KeywordRules;
  /** How long one searchContextValue may run over one context. */
  searchBudgetMs?: number;
  instance: string;
  backupInstance: string;
  /** Other processes commit to the same database (cluster mode). */
  cluster?: boolean;
  /** Called after a context's own fields changed (cluster mode: the other nodes drop their copies). */
  fieldsChanged?: (publicId: string) => void;
  now?: () => number;
}

export interface KeyInput {
  key: string;
  contextType: ContextType;
  contextScope: ContextScope;
  keywords: string[];
}

export interface ValueInput {
  value: unknown;
  keywords: string[];
  valueType?: string;
  /** The typed value's JSON text as a Linkis client sent it (kept byte for byte). */
  valueText?: string;
}

/**
 * Contexts and their values: reads from the cache (loading on a miss), writes through one
 * transaction then the cache then the bus, serialised per context so all three agree on order.
 */
export class ContextService {
  readonly #d: Required<Omit<ContextServiceDeps, "fieldsChanged">> & Pick<ContextServiceDeps, "fieldsChanged">;
  readonly #locks = new KeyedMutex<number>();

  constructor(deps: ContextServiceDeps) {
    this.#d = { now: Date.now, searchBudgetMs: DEFAULT_SEARCH_BUDGET_MS, cluster: false, ...deps };
  }

  publicId(meta: Pick<ContextMeta, "instance" | "backupInstance" | "id">) {
    return formatPublicId(meta);
  }

  async create(fields: ContextFields): Promise<ContextMeta> {
    const { store, cache, bus, instance, backupInstance } = this.#d;
    const meta = await store.create(fields, instance, backupInstance, this.#date());
    const publicId = this.publicId(meta);
    cache.set(new ContextIDValue(meta, 0, this.#d.now()));
    bus.publish([
      {
        contextId: publicId,
        revision: 1,
        op: "context-created",
        contextType: null,
        key: null,
        value: null,
        time: meta.createTime,
      },
    ]);
    return meta;
  }

  /** The context's fields; refreshes its access time. */
  async get(publicId: string): Promise<ContextMeta> {
    const { meta } = await this.#read(publicId);
    // Only this answer shows the access time: other reads leave the Date alone (no allocation per hit).
    meta.accessTime = new Date(this.#d.now());
    return meta;
  }

  async update(publicId: string, fields: ContextFields): Promise<ContextMeta> {
    return this.#write(publicId, async (ctx, id) => {
      ctx.meta = { ...ctx.meta, ...(await this.#d.store.updateFields(ctx.id, fields, this.#date())) };
      this.#d.fieldsChanged?.(id);
      return ctx.meta;
    });
  }

  async getValue(publicId: string, contextType: ContextType, key: string): Promise<Entry | null> {
    return (await this.#read(publicId)).get(contextType, key) ?? null;
  }

  async search(publicId: string, condition: SearchCondition): Promise<Entry[]> {
    return runSearch((await this.#read(publicId)).kv, condition, { ms: this.#d.searchBudgetMs });
  }

  /** Sets a value; returns the stored entry. */
  async setValue(publicId: string, keyIn: KeyInput, valueIn: ValueInput): Promise<Entry> {
    return this.#write(publicId, async (ctx, id) => {
      const previous = ctx.get(keyIn.contextType, keyIn.key);
      const now = this.#date();
      const derived = deriveKeywords(this.#d.rules, valueIn.valueType, valueIn.value);
      const entry: Entry = {
        key: keyIn.key,
        contextType: keyIn.contextType,
        contextScope: keyIn.contextScope,
        value: valueIn.value,
        valueType: valueIn.valueType,
        ...(valueIn.valueText !== undefined && { valueText: valueIn.valueText }),
        keyKeywords: keyIn.keywords,
        valueKeywords: valueIn.keywords,
        keywords: entryKeywords(keyIn.key, [...keyIn.keywords, ...valueIn.keywords], derived),
        revision: 0,
        createTime: previous?.createTime ?? now,
        updateTime: now,
      };
      await this.#commit(ctx, id, [
        previous ? { op: "updated", entry, previousKeywords: previous.keywords } : { op: "created", entry },
      ]);
      return entry;
    });
  }

  /** Sets the value to null and keeps the key. Resetting a key that is not there does nothing. */
  async resetValue(publicId: string, contextType: ContextType, key: string): Promise<void> {
    await this.#write(publicId, async (ctx, id) => {
      const previous = ctx.get(contextType, key);
      if (!previous || previous.value === null) return;
      const entry: Entry = {
        ...previous,
        value: null,
        valueType: undefined,
        valueText: undefined,
        updateTime: this.#date(),
      };
      entry.keywords = entryKeywords(entry.key, [...entry.keyKeywords, ...entry.valueKeywords], []);
      await this.#commit(ctx, id, [{ op: "updated", entry, previousKeywords: previous.keywords }]);
    });
  }

  /** Removes the keys that match; returns how many. Removing nothing commits and emits nothing. */
  async removeWhere(publicId: string, match: (e: Entry) => boolean, contextType?: ContextType): Promise<number> {
    return this.#write(publicId, async (ctx, id) => {
      const doomed = [...ctx.kv.entries(contextType)].filter(match);
      await this.#commit(
        ctx,
        id,
        doomed.map((e) => ({
          op: "removed",
          contextType: e.contextType,
          key: e.key,
          keywords: e.keywords,
          value: e.value,
        })),
      );
      return doomed.length;
    });
  }

  async removeValue(publicId: string, contextType: ContextType, key: string): Promise<number> {
    return this.removeWhere(publicId, (e) => e.key === key, contextType);
  }

  /** Removes every value, keeping the id (one `context-cleared` event). */
  async clearValues(publicId: string): Promise<number> {
    return this.#write(publicId, async (ctx, id) => {
      const count = ctx.kv.size;
      if (count > 0) await this.#commit(ctx, id, [{ op: "context-cleared" }]);
      return count;
    });
  }

  /** Removes the context and everything under it. */
  async remove(publicId: string): Promise<void> {
    await this.#write(publicId, async (ctx, id) => {
      const event = await this.#d.store.remove(ctx.meta, id, this.#date());
      this.#d.cache.delete(ctx.id);
      this.#d.accessTimes.forget(ctx.id);
      this.#d.bus.publish([event]);
    });
  }

  /**
   * A consistent picture of one context: its entries and the revision they reflect, read under
   * the context's write lock (from the cache when cached, else from the database without
   * filling the cache). Null when the context does not exist.
   */
  async snapshot(rowId: number): Promise<{ publicId: string; revision: number; entries: Entry[] } | null> {
    return this.#locks.run(rowId, async () => {
      const cached = this.#d.cache.peek(rowId);
      if (cached)
        return {
          publicId: this.publicId(cached.meta),
          revision: cached.meta.revision,
          entries: [...cached.kv.entries()],
        };
      const loaded = await this.#d.store.load(rowId);
      return (
        loaded && { publicId: this.publicId(loaded.meta), revision: loaded.meta.revision, entries: loaded.entries }
      );
    });
  }

  /** Drops a context from the cache (after a clear done elsewhere); the next read reloads it. */
  invalidate(id: number) {
    this.#d.cache.delete(id);
  }

  async #commit(ctx: ContextIDValue, publicId: string, mutations: Mutation[]) {
    if (mutations.length === 0) return;
    const now = this.#date();
    const events = await this.#d.store.commit(ctx.meta, publicId, mutations, now);
    // Another node committed in between and its change has not reached this cache yet, or the
    // cache dropped this copy meanwhile (another node's change): the database has it all.
    const stale =
      this.#d.cluster && (events[0]!.revision !== ctx.meta.revision + 1 || this.#d.cache.peek(ctx.id) !== ctx);
    // Committed: now the cache, then the listeners.
    ctx.meta.revision = events.at(-1)!.revision;
    ctx.meta.updateTime = now;
    mutations.forEach((m, i) => {
      if (m.op === "removed") events[i]!.entry = ctx.remove(m.contextType, m.key);
      else if (m.op === "context-cleared") ctx.clear();
      else ctx.put((events[i]!.entry = m.entry));
    });
    ctx.touch(this.#d.now(), false);
    if (stale) this.#d.cache.delete(ctx.id);
    this.#d.bus.publish(events);
    this.#d.cache.enforceBounds();
  }

  async #read(publicId: string): Promise<ContextIDValue> {
    const ctx = await this.#load(publicId);
    this.#d.accessTimes.record(ctx.id);
    return ctx;
  }

  async #write<T>(publicId: string, work: (ctx: ContextIDValue, publicId: string) => Promise<T>): Promise<T> {
    const { id } = this.#parse(publicId);
    return this.#locks.run(id, async () => {
      const ctx = await this.#load(publicId);
      ctx.pins++;
      try {
        return await work(ctx, this.publicId(ctx.meta));
      } finally {
        ctx.pins--;
      }
    });
  }

  async #load(publicId: string): Promise<ContextIDValue> {
    const parsed = this.#parse(publicId);
    // The hit path stays synchronous: no loader closure, no awaited promise.
    const ctx =
      this.#d.cache.hit(parsed.id) ??
      (await this.#d.cache.get(parsed.id, async () => {
        const started = performance.now();
        const loaded = await this.#d.store.load(parsed.id);
        if (!loaded) return null;
        const value = new ContextIDValue(
          loaded.meta,
          Math.round((performance.now() - started) * 100) / 100,
          this.#d.now(),
        );
        for (const entry of loaded.entries) value.put(entry);
        return value;
      }));
    // The row id alone does not make an id: the instance parts must match too.
    if (!ctx || ctx.meta.instance !== parsed.instance || ctx.meta.backupInstance !== parsed.backupInstance) {
      throw notFound(`Context ${publicId} does not exist.`);
    }
    return ctx;
  }

  #parse(publicId: string) {
    return parsePublicId(publicId);
  }

  #date() {
    return new Date(this.#d.now());
  }
}
