import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { ContextServiceClient } from "../../client/rest-client.ts";
import { createToken } from "../../server/auth/tokens.ts";
import { openDatabase } from "../../server/persistence/database.ts";
import { spawnServer, waitForListening, type ServerProcess } from "./spawn-server.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface ClusterNode {
  id: string;
  proc: ServerProcess;
  baseUrl: string;
  client: ContextServiceClient;
}

export interface TestCluster {
  nodes: ClusterNode[];
  database: TestDatabase;
  token: string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** A Redis of the test's own (test/support/redis-server.ts) instead of the machine's. */
  redisUrl?: string;
  /** More settings for every node. */
  env?: Record<string, string>;
}

/**
 * Several server processes on one fresh PostgreSQL database and the machine's Redis, under a
 * cluster name of their own (so runs sharing that Redis never hear each other). The first
 * node starts alone (it migrates and creates the admin); the others then start together.
 */
export async function startCluster(count: number, options: ClusterOptions = {}): Promise<TestCluster> {
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const database = await createTestDatabase("postgres");
  const clusterName = `cs-test-${randomUUID()}`;
  const procs: ServerProcess[] = [];
  const start = async (i: number) => {
    const proc = spawnServer({
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: database.dataDir,
      DATABASE_URL: database.url,
      ADMIN_PASSWORD: "admin-password-123",
      AUTH_SECRET: "c".repeat(40),
      REDIS_URL: redisUrl,
      CLUSTER_NAME: clusterName,
      NODE_ID: `node-${i}`,
      ...options.env,
    });
    procs.push(proc);
    return { id: `node-${i}`, proc, baseUrl: await waitForListening(proc, 60_000) };
  };
  const stop = async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill("SIGTERM");
    await Promise.all(procs.map((p) => p.exited));
    await database.drop();
    // Stopped already, or the test's own.
    if (redisUrl !== REDIS_URL) return;
    // The machine's Redis is shared: leave none of this run's keys behind.
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${clusterName}:*`);
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  };
  try {
    const first = await start(0);
    const rest = await Promise.all(Array.from({ length: count - 1 }, (_, i) => start(i + 1)));
    const db = await openDatabase(database.url);
    const token = await createToken(db.prisma, "admin").finally(() => db.close());
    const nodes = [first, ...rest].map((n) => ({
      ...n,
      client: new ContextServiceClient({ baseUrl: n.baseUrl, token }),
    }));
    return { nodes, database, token, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
