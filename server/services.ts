import type { Config } from "./config/env.ts";
import type { Engine } from "./engine.ts";
import type { Database } from "./persistence/database.ts";

/** Everything a request handler may reach, built once by createApp. */
export interface Services extends Omit<Engine, "stop"> {
  readonly config: Config;
  readonly database: Database;
  readonly startedAt: number;
  readonly version: string;
}
