import { readFileSync } from "node:fs";
import { request } from "node:http";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../../server/auth/tokens.ts";
import { openDatabase } from "../../../server/persistence/database.ts";
import { REDIS_URL } from "../../support/cluster-nodes.ts";
import { connectEvents, waitUntil } from "../../support/live.ts";
import { spawnServer, waitForListening, type ServerProcess } from "../../support/spawn-server.ts";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.ts";

// CLUSTER_WORKERS=2: one process forking two workers, each a node, on one port (PostgreSQL only, like this folder).
const HANG_GUARD_MS = 60_000;
const clusterName = `cs-test-${randomUUID()}`;
let database: TestDatabase;
let proc: ServerProcess;
let baseUrl: string;
let token: string;

beforeAll(async () => {
  database = await createTestDatabase("postgres");
  proc = spawnServer({
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    ADMIN_PASSWORD: "admin-password-123",
    AUTH_SECRET: "w".repeat(40),
    REDIS_URL,
    CLUSTER_NAME: clusterName,
    NODE_ID: "box",
    CLUSTER_WORKERS: "2",
    CLUSTER_ANNOUNCE_MS: "200",
  });
  baseUrl = await waitForListening(proc, HANG_GUARD_MS);
  const db = await openDatabase(database.url);
  token = await createToken(db.prisma, "admin").finally(() => db.close());
}, 2 * HANG_GUARD_MS);

afterAll(async () => {
  if (proc?.child.exitCode === null) proc.child.kill("SIGTERM");
  await proc?.exited;
  await database?.drop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${clusterName}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

/** One request on a connection of its own, so node:cluster may hand it to either worker. */
function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; node: string; text: string; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, {
      method,
      agent: false,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    });
    req.on("error", reject);
    // A connection handed to a worker as it is killed is never answered: give up on it, not the test.
    req.setTimeout(3000, () => req.destroy(new Error(`${method} ${path}: no answer in 3 s`)));
    req.on("response", (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () =>
        resolve({
          status: res.statusCode!,
          node: String(res.headers["x-node-id"]),
          text,
          json: res.headers["content-type"]?.includes("json") ? (JSON.parse(text) as Record<string, unknown>) : {},
        }),
      );
    });
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const linkis = async (name: string, body: unknown) => {
  const { status, json, node } = await call("POST", `/api/rest_j/v1/contextservice/${name}`, body);
  expect(status).toBe(200);
  return { data: json.data as Record<string, unknown>, node };
};

describe("CLUSTER_WORKERS=2 on one port", { timeout: 2 * HANG_GUARD_MS }, () => {
  it("serves from both workers, each a node the other lists, and a subscriber hears writes handled by either", async () => {
    // Both workers answer on the one port, each under its own NODE_ID.
    const answered = new Set<string>();
    const deadline = Date.now() + HANG_GUARD_MS;
    while (answered.size < 2 && Date.now() < deadline)
      answered.add((await call("GET", "/api/health")).json.node as string);
    expect([...answered].sort()).toEqual(["box-w1", "box-w2"]);

    // Each lists both in the registry.
    for (;;) {
      const { json } = await call("GET", "/api/v1/nodes");
      if ((json.nodes as { id: string }[]).length === 2) {
        expect((json.nodes as { id: string }[]).map((n) => n.id)).toEqual(["box-w1", "box-w2"]);
        break;
      }
      if (Date.now() > deadline) throw new Error(`registry stayed ${JSON.stringify(json.nodes)}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // One Prometheus scrape of the shared port shows every member, whichever worker answers it.
    const scrape = await call("GET", "/metrics");
    expect(scrape.status).toBe(200);
    for (const member of ["box-w1", "box-w2"])
      expect(scrape.text).toMatch(
        new RegExp(
          `^contextservice_cluster_member_cached_contexts\\{member="${member}",node="${scrape.node}"\\} \\d+$`,
          "m",
        ),
      );

    // A live subscriber on one worker (websocket transport: no sticky sessions needed).
    const contextId = (await linkis("createContextID", { contextID: { user: "workers" } })).data.contextId as string;
    const { socket, received } = await connectEvents(baseUrl, token);
    try {
      const ack = await socket.emitWithAck("subscribe", { filter: { contextIds: [contextId] } });
      expect(ack.subscriptionId).toBeTypeOf("string");
      // Writes on fresh connections, handed out round-robin, until each worker has taken some:
      // whichever worker holds the socket, some of them were made on the other.
      const writers = new Set<string>();
      let writes = 0;
      while (writers.size < 2 && writes < 100) {
        const { node } = await linkis("setValueByKey", {
          contextID: contextId,
          contextKey: { key: `k${writes}`, contextType: "DATA", contextScope: "PUBLIC" },
          contextValue: { value: writes },
        });
        writers.add(node);
        writes++;
      }
      expect([...writers].sort()).toEqual(["box-w1", "box-w2"]);
      const WRITES = writes;
      await waitUntil(() => received.events.length >= WRITES, `${WRITES} events`, HANG_GUARD_MS);
      expect(received.events.map((e) => [e.revision, e.key, e.value])).toEqual(
        Array.from({ length: WRITES }, (_, i) => [received.events[0]!.revision + i, `k${i}`, i]),
      );
    } finally {
      socket.close();
    }
  });

  it("starts a worker killed with -9 again, under its own NODE_ID", async () => {
    const workers = () =>
      readFileSync(`/proc/${proc.child.pid}/task/${proc.child.pid}/children`, "utf8").split(" ").filter(Boolean);
    const before = workers();
    expect(before).toHaveLength(2);
    process.kill(Number(before[0]), "SIGKILL");
    const deadline = Date.now() + HANG_GUARD_MS;
    const answered = new Set<string>();
    // A new worker takes the dead one's place, and both names answer on the port again.
    while (!(workers().length === 2 && !workers().includes(before[0]!) && answered.size === 2)) {
      if (Date.now() > deadline) throw new Error(`workers ${workers().join(",")}, answered ${[...answered].join(",")}`);
      const health = await call("GET", "/api/health").catch(() => undefined);
      if (health && workers().length === 2) answered.add(health.node);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect([...answered].sort()).toEqual(["box-w1", "box-w2"]);
  });
});
