import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { resolveAuthSecret } from "./auth-secret.ts";
import { ConfigError } from "./config-error.ts";
import { LOG_LEVELS } from "../core/logger.ts";

const intFrom = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const fraction = (def: number) => z.coerce.number().gt(0).lt(1).default(def);

/** Every setting the server reads from the environment, with its default. */
export const envSchema = z
  .object({
    PORT: intFrom(3000, 0).pipe(z.number().max(65535)),
    HOST: z.string().default("0.0.0.0"),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
      .optional(),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
    NEXTAUTH_URL: z.url().optional(),
    INSTANCE_ALIAS: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,64}$/, "letters, digits and _ only")
      .default("cs_1_dev"),
    BACKUP_INSTANCE_ALIAS: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,64}$/, "letters, digits and _ only")
      .optional(),
    BODY_LIMIT_BYTES: intFrom(2 * 1024 * 1024, 1024),
    METRICS_PUBLIC: z.enum(["0", "1"]).default("0"),
    METRICS_HISTORY_SAMPLE_MS: intFrom(10_000, 1000),
    METRICS_HISTORY_KEEP_MS: intFrom(24 * 3600_000, 60_000),
    CACHE_MAX_CONTEXTS: intFrom(10_000, 1),
    CACHE_MAX_BYTES: intFrom(256 * 1024 * 1024, 1024),
    CACHE_HEAP_HIGH_WATERMARK: fraction(0.75),
    CACHE_HEAP_LOW_WATERMARK: fraction(0.6),
    CACHE_HEAP_SAMPLE_MS: intFrom(5000, 100),
    ACCESS_TIME_FLUSH_MS: intFrom(60_000, 100),
    LISTENER_HEARTBEAT_TIMEOUT_MS: intFrom(60_000, 1000),
    LISTENER_QUEUE_LIMIT: intFrom(10_000, 10),
    LISTENER_PROGRESS_MS: intFrom(15_000, 100),
    CHANGELOG_KEEP_PER_CONTEXT: intFrom(10_000, 1),
    CHANGELOG_KEEP_MS: intFrom(24 * 3600_000, 1000),
    RETENTION_SWEEP_INTERVAL: intFrom(0, 0),
    SHUTDOWN_GRACE_MS: intFrom(10_000, 0),
    LOGIN_MAX_FAILURES_PER_USER: intFrom(10, 1),
    LOGIN_MAX_FAILURES_PER_ADDRESS: intFrom(50, 1),
    LOGIN_LOCKOUT_SECONDS: intFrom(900, 1),
    SEARCH_BUDGET_MS: intFrom(2000, 1),
    KEYWORD_RULES_FILE: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
      .optional(),
    NODE_ID: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,128}$/, "letters, digits and _ . : - only")
      .optional(),
    CLUSTER_NAME: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits and _ . - only")
      .default("contextservice"),
    CLUSTER_STREAM_MAXLEN: intFrom(100_000, 1000),
    CLUSTER_ANNOUNCE_MS: intFrom(5000, 100),
    CLUSTER_NODE_TIMEOUT_MS: intFrom(15_000, 500),
    NODE_ADDRESS: z.url().optional(),
    CLUSTER_WORKERS: intFrom(1, 1).pipe(z.number().max(64)),
    CLUSTER_LEASE_MS: intFrom(30_000, 1000),
  })
  .refine((e) => e.CACHE_HEAP_LOW_WATERMARK < e.CACHE_HEAP_HIGH_WATERMARK, {
    path: ["CACHE_HEAP_LOW_WATERMARK"],
    message: "must be below CACHE_HEAP_HIGH_WATERMARK",
  })
  // A node must announce itself more often than the others give up on it.
  .refine((e) => e.CLUSTER_ANNOUNCE_MS < e.CLUSTER_NODE_TIMEOUT_MS, {
    path: ["CLUSTER_NODE_TIMEOUT_MS"],
    message: "must be above CLUSTER_ANNOUNCE_MS",
  });

export type Env = z.infer<typeof envSchema>;

export type Config = Env & {
  dataDir: string;
  databaseUrl: string;
  provider: "sqlite" | "postgres";
  backupInstance: string;
  authSecret: string;
  /** This process's name in the cluster (NODE_ID, or host name and port). */
  nodeId: string;
  /** Cluster mode: REDIS_URL is set (PostgreSQL only). */
  cluster: boolean;
};

/** Parses the environment; throws ConfigError naming the variable and what is wrong with it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.join(".");
    throw new ConfigError(`Invalid environment variable ${name}=${JSON.stringify(env[name] ?? "")}: ${issue.message}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, "contextservice.db")}`;
  const provider = databaseUrl.startsWith("file:") ? "sqlite" : "postgres";
  // Every node must see every other node's commits: one SQLite file per process cannot do that.
  if (e.REDIS_URL && provider === "sqlite")
    throw new ConfigError(
      "REDIS_URL (cluster mode) needs DATABASE_URL=postgresql://…: SQLite serves one process only.",
    );
  // Workers are nodes of one cluster: they need its change stream, and SQLite serves one process.
  if (e.CLUSTER_WORKERS > 1 && !e.REDIS_URL)
    throw new ConfigError(
      "CLUSTER_WORKERS > 1 needs cluster mode: REDIS_URL and DATABASE_URL=postgresql://… (each worker is a node).",
    );
  // A secret generated per node would make a session cookie signed by one node void on the others.
  if (e.REDIS_URL && !e.AUTH_SECRET)
    throw new ConfigError("REDIS_URL (cluster mode) needs AUTH_SECRET, the same on every node.");
  return {
    ...e,
    dataDir,
    databaseUrl,
    provider,
    backupInstance: e.BACKUP_INSTANCE_ALIAS ?? e.INSTANCE_ALIAS,
    authSecret: resolveAuthSecret(e.AUTH_SECRET, dataDir),
    // PORT=0 binds a port chosen later: the pid tells such nodes on one host apart.
    nodeId: e.NODE_ID ?? `${os.hostname()}:${e.PORT === 0 ? `pid${process.pid}` : e.PORT}`,
    cluster: e.REDIS_URL !== undefined,
  };
}

/** Loads ./.env into process.env when present (variables already set win). */
export function loadDotEnv(file = ".env") {
  try {
    process.loadEnvFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT")
      throw new ConfigError(`Cannot read ${file}: ${(err as Error).message}`);
  }
}
