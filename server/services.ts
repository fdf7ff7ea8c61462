import type { Config } from "./config/env.ts";
import type { Engine } from "./engine.ts";
import type { Database } from "./persistence/database.ts";
import type { LiveHub } from "./listeners/live/live-hub.ts";
import type { Heartbeats } from "./listeners/heartbeat/heartbeats.ts";
import type { Cleaner } from "./cleanup/cleaner.ts";
import type { RetentionSweep } from "./cleanup/retention-sweep.ts";
import type { NodeDirectory } from "./cluster/index.ts";

/** Everything a request handler may reach, built once by createApp. */
export interface Services extends Omit<Engine, "stop"> {
  readonly config: Config;
  readonly database: Database;
  readonly live: LiveHub;
  readonly heartbeats: Heartbeats;
  readonly cleaner: Cleaner;
  readonly retention: RetentionSweep;
  /** The service's nodes: this one alone, or the cluster's registry in Redis. */
  readonly nodes: NodeDirectory;
  readonly startedAt: number;
  readonly version: string;
}
