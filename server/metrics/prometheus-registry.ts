import { Counter, Gauge, Registry } from "prom-client";
import { evictionReasons } from "../cache/index.ts";
import type { CacheOverview } from "./cache-overview.ts";
import type { NodeReport, NodesDescription } from "../cluster/index.ts";

export interface PrometheusRegistry {
  contentType: string;
  /** The text exposition, with every value read from the cache at this call. */
  metrics(): Promise<string>;
}

/**
 * The cache's figures for Prometheus, in a registry of our own (prom-client's global one would
 * be shared by every server a test process starts). Values are collected on scrape, never kept.
 * Each node exposes only its own figures, labelled `node`; Prometheus sums across nodes.
 */
export function createPrometheusRegistry(
  read: () => CacheOverview,
  nodeId: string,
  listNodes: () => Promise<NodesDescription>,
): PrometheusRegistry {
  const registry = new Registry();
  // Every figure is this node's: scrapes of several nodes stay apart, and sum by node.
  registry.setDefaultLabels({ node: nodeId });
  // Read once per scrape, before prom-client calls the collect functions below.
  let o: CacheOverview;
  let listing: NodesDescription;
  const named = (name: string, help: string) => ({ name: `contextservice_${name}`, help, registers: [registry] });
  const gauge = (name: string, help: string, value: (o: CacheOverview) => number) =>
    new Gauge({
      ...named(name, help),
      collect() {
        this.set(value(o));
      },
    });
  // A counter's value is the cache's own running total: reset, then set to it by one increment.
  const counter = (name: string, help: string, value: (o: CacheOverview) => number) =>
    new Counter({
      ...named(name, help),
      collect() {
        this.reset();
        this.inc(value(o));
      },
    });
  const byReason = (name: string, help: string, value: (e: { count: number; bytes: number }) => number) =>
    new Counter({
      ...named(name, help),
      labelNames: ["reason"],
      collect() {
        this.reset();
        for (const reason of evictionReasons) this.inc({ reason }, value(o.evictions[reason]));
      },
    });

  gauge("cache_contexts", "Contexts in the cache.", (o) => o.contexts);
  gauge("cache_max_contexts", "Most contexts the cache keeps (CACHE_MAX_CONTEXTS).", (o) => o.maxContexts);
  gauge("cache_bytes", "Estimated heap bytes of the cached contexts.", (o) => o.bytes);
  gauge("cache_max_bytes", "Byte budget of the cache (CACHE_MAX_BYTES).", (o) => o.maxBytes);
  gauge("cache_hit_ratio", "Lookups served from memory over all lookups.", (o) => o.hitRatio);
  gauge("cache_loading", "Context loads in flight.", (o) => o.loading);
  counter("cache_hits_total", "Lookups served from memory.", (o) => o.hits);
  counter("cache_misses_total", "Lookups that had to load the context.", (o) => o.misses);
  counter("cache_loads_total", "Contexts loaded from the database.", (o) => o.loads);
  counter("cache_load_failures_total", "Context loads that failed.", (o) => o.loadFailures);
  byReason(
    "cache_evictions_total",
    "Contexts that left the cache, by reason (count, bytes, pressure, explicit).",
    (e) => e.count,
  );
  byReason(
    "cache_evicted_bytes_total",
    "Estimated bytes of the contexts that left the cache, by reason.",
    (e) => e.bytes,
  );
  counter("autoclear_runs_total", "AutoClear runs (heap past the high watermark).", (o) => o.autoClear.runs);
  gauge("heap_used_bytes", "V8 heap in use.", (o) => o.heap.used);
  gauge("heap_limit_bytes", "V8 heap size limit.", (o) => o.heap.limit);
  gauge(
    "autoclear_high_watermark_ratio",
    "Fraction of the heap limit past which AutoClear evicts.",
    (o) => o.autoClear.highWatermark,
  );

  // Every node of the cluster as this node last heard of it (`member`), so one scrape of any node,
  // or of CLUSTER_WORKERS' shared port, sees all of them.
  gauge("cluster_nodes", "Nodes of the service listed by the registry (1 without Redis).", () => listing.nodes.length);
  const byMember = (name: string, help: string, value: (n: NodeReport) => number) =>
    new Gauge({
      ...named(`cluster_member_${name}`, `${help} As the member last announced it.`),
      labelNames: ["member"],
      collect() {
        this.reset();
        for (const n of listing.nodes) this.set({ member: n.id }, value(n));
      },
    });
  byMember("cached_contexts", "A member's cached contexts.", (n) => n.cachedContexts);
  byMember("cache_bytes", "A member's estimated cache bytes.", (n) => n.cacheBytes);
  byMember("cache_hits", "A member's cache hits since it started.", (n) => n.hits);
  byMember("cache_misses", "A member's cache misses since it started.", (n) => n.misses);
  byMember("live_subscribers", "A member's live subscribers.", (n) => n.liveSubscribers);
  byMember("heartbeat_clients", "Heartbeat clients a member counts.", (n) => n.heartbeatClients);
  byMember("heap_used_bytes", "A member's V8 heap in use.", (n) => n.heapUsed);

  return {
    contentType: registry.contentType,
    async metrics() {
      o = read();
      listing = await listNodes();
      return registry.metrics();
    },
  };
}
