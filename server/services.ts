import type { Config } from "./config/env.ts";
import type { Engine } from "./engine.ts";
import type { Database } from "./persistence/database.ts";
import type { LiveHub } from "./listeners/live/live-hub.ts";
import type { HeartbeatRegistry } from "./listeners/heartbeat/heartbeat-registry.ts";

/** Everything a request handler may reach, built once by createApp. */
export interface Services extends Omit<Engine, "stop"> {
  readonly config: Config;
  readonly database: Database;
  readonly live: LiveHub;
  readonly heartbeats: HeartbeatRegistry;
  readonly startedAt: number;
  readonly version: string;
}
