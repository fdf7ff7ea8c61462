import type { ContextService } from "../../contexts/index.ts";
import type { ChangeBus } from "../../core/change-bus.ts";
import { HeartbeatRegistry } from "./heartbeat-registry.ts";
import type { HeartbeatStore } from "./heartbeat-store.ts";
import type { Heartbeats } from "./heartbeats.ts";
import { SharedHeartbeats, type AcquireLease } from "./shared-heartbeats.ts";

export interface HeartbeatsOptions {
  store: HeartbeatStore;
  bus: ChangeBus;
  contexts: ContextService;
  /** Cluster mode: the lease the timeout sweep runs under. One process keeps its clients in memory. */
  lease?: AcquireLease;
  timeoutMs: number;
  pendingLimit: number;
}

/** One process's heartbeat clients, or the cluster's (in the database). */
export function createHeartbeats(o: HeartbeatsOptions): Heartbeats {
  const { store } = o;
  const limits = { timeoutMs: o.timeoutMs, pendingLimit: o.pendingLimit };
  return o.lease
    ? new SharedHeartbeats(store, o.contexts, o.lease, limits)
    : new HeartbeatRegistry(store, o.bus, o.contexts, limits);
}
