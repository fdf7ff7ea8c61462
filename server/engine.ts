import { AutoClear } from "./cache/auto-clear.ts";
import { ContextCache } from "./cache/context-cache.ts";
import type { Config } from "./config/env.ts";
import { AccessTimeRecorder } from "./contexts/access-time-recorder.ts";
import { ContextService } from "./contexts/context-service.ts";
import { createContextStore, type ContextStore } from "./contexts/context-store.ts";
import { HistoryStore } from "./contexts/history/history-store.ts";
import { loadKeywordRules, type KeywordRules } from "./contexts/keywords/keyword-rules.ts";
import { LocalChangeBus, type ChangeBus } from "./core/change-bus.ts";
import { MetricsHistory } from "./metrics/metrics-history.ts";
import { readHeap } from "./cache/heap-sampler.ts";
import { ClusterChangeBus } from "./cluster/cluster-bus.ts";
import { applyRemoteChanges, forgetRemoteContexts } from "./contexts/apply-remote-changes.ts";
import { parsePublicId } from "./core/public-id.ts";
import { readChangesAfter } from "./listeners/change-log/read-change-log.ts";
import type { Database } from "./persistence/database.ts";
import { ChangeLogRetention } from "./listeners/change-log/change-log-retention.ts";
import { CommittedChanges } from "./listeners/change-log/committed-changes.ts";

export interface Engine {
  cache: ContextCache;
  autoClear: AutoClear;
  bus: ChangeBus;
  contexts: ContextService;
  histories: HistoryStore;
  /** Keyword rules (data): which fields of a typed value are keywords. */
  rules: KeywordRules;
  store: ContextStore;
  accessTimes: AccessTimeRecorder;
  changeLog: ChangeLogRetention;
  /** The cache's figures over the last day, sampled on the server for the metrics charts. */
  metricsHistory: MetricsHistory;
  /** The cross-node bus (the same object as `bus`) in cluster mode; start it before serving. */
  cluster?: ClusterChangeBus;
  /** Stops timers and writes back what is pending. */
  stop(): Promise<void>;
}

// Revisions read from the change log per query when another node's changes reach this one out of order.
const MISSING_PAGE = 1000;
// How often a cluster node reads the change log for what the Redis stream did not bring.
const TAIL_INTERVAL_MS = 1000;

/** The engine room: cache, bus, store and the services over them, wired once. */
export function createEngine(config: Config, database: Database): Engine {
  const store = createContextStore(database);
  const cache = new ContextCache({ maxContexts: config.CACHE_MAX_CONTEXTS, maxBytes: config.CACHE_MAX_BYTES });
  const autoClear = new AutoClear({
    cache,
    highWatermark: config.CACHE_HEAP_HIGH_WATERMARK,
    lowWatermark: config.CACHE_HEAP_LOW_WATERMARK,
    intervalMs: config.CACHE_HEAP_SAMPLE_MS,
  });
  autoClear.start();
  const committed = new CommittedChanges(database.prisma, {
    instance: config.INSTANCE_ALIAS,
    backupInstance: config.backupInstance,
  });
  const cluster = config.REDIS_URL
    ? new ClusterChangeBus({
        redisUrl: config.REDIS_URL,
        clusterName: config.CLUSTER_NAME,
        nodeId: config.nodeId,
        maxLen: config.CLUSTER_STREAM_MAXLEN,
        applyRemote: (events) => applyRemoteChanges(cache, events),
        evictRemote: (publicIds) => forgetRemoteContexts(cache, publicIds),
        readMissing: (publicId, after, before) =>
          readChangesAfter(
            database.prisma,
            parsePublicId(publicId).id,
            publicId,
            after,
            Math.min(MISSING_PAGE, before - after - 1),
          ),
        committed,
        startRevision: (publicId, before, horizon) =>
          committed.startRevision(parsePublicId(publicId).id, before, horizon),
        tailIntervalMs: TAIL_INTERVAL_MS,
      })
    : undefined;
  const bus: ChangeBus = cluster ?? new LocalChangeBus();
  const accessTimes = new AccessTimeRecorder(
    (ids, time) => store.touchAccessTimes(ids, time),
    config.ACCESS_TIME_FLUSH_MS,
  );
  accessTimes.start();
  const rules = loadKeywordRules(config.KEYWORD_RULES_FILE);
  const contexts = new ContextService({
    store,
    cache,
    bus,
    accessTimes,
    rules,
    searchBudgetMs: config.SEARCH_BUDGET_MS,
    instance: config.INSTANCE_ALIAS,
    backupInstance: config.backupInstance,
    cluster: cluster !== undefined,
    fieldsChanged: cluster && ((publicId) => cluster.evictElsewhere([publicId])),
  });
  const changeLog = new ChangeLogRetention(
    database.prisma,
    config.CHANGELOG_KEEP_PER_CONTEXT,
    config.CHANGELOG_KEEP_MS,
  );
  changeLog.start();
  const metricsHistory = new MetricsHistory({
    read: () => {
      const stats = cache.stats();
      const heap = readHeap();
      return {
        bytes: stats.bytes,
        maxBytes: stats.maxBytes,
        contexts: stats.contexts,
        hits: stats.hits,
        misses: stats.misses,
        heapUsed: heap.used,
        heapLimit: heap.limit,
      };
    },
    intervalMs: config.METRICS_HISTORY_SAMPLE_MS,
    capacity: Math.ceil(config.METRICS_HISTORY_KEEP_MS / config.METRICS_HISTORY_SAMPLE_MS),
  });
  metricsHistory.start();
  return {
    metricsHistory,
    changeLog,
    cache,
    autoClear,
    bus,
    contexts,
    histories: new HistoryStore(database.prisma),
    rules,
    store,
    accessTimes,
    cluster,
    stop: async () => {
      autoClear.stop();
      changeLog.stop();
      metricsHistory.stop();
      await accessTimes.stop();
      await store.drain();
      // After the last commits, so their events still reach the stream.
      await cluster?.stop();
    },
  };
}
