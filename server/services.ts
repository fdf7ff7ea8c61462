import type { Config } from "./config/env.ts";
import type { Database } from "./persistence/database.ts";

/** Everything a request handler may reach, built once by createApp. */
export interface Services {
  readonly config: Config;
  readonly database: Database;
  readonly startedAt: number;
  readonly version: string;
}
