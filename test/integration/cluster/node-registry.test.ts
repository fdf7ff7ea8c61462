import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { NodeRegistry } from "../../../server/cluster/node-registry.ts";
import type { NodeFigures } from "../../../server/cluster/node-report.ts";
import { REDIS_URL } from "../../support/cluster-nodes.ts";

// Two registries in this process on the machine's Redis, under a cluster name of their own.
const clusterName = `cs-test-${randomUUID()}`;
const options = { redisUrl: REDIS_URL, clusterName, announceMs: 100, timeoutMs: 1500 };
const figures = (cachedContexts: number): NodeFigures => ({
  cachedContexts,
  cacheBytes: cachedContexts * 100,
  hits: 3,
  misses: 1,
  liveSubscribers: 2,
  heartbeatClients: 1,
  heapUsed: 1000,
});
const registry = (id: string, cached: number) =>
  new NodeRegistry(
    { id, version: "1.2.3", startedAt: Date.parse("2026-01-01T00:00:00Z"), figures: () => figures(cached) },
    options,
  );

const redis = new Redis(REDIS_URL);
afterAll(async () => {
  const keys = await redis.keys(`${clusterName}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

/** A registry announcing `id` from a child process, to be killed as a crashed node would be. */
function announceInChild(id: string) {
  const registryFile = new URL("../../../server/cluster/node-registry.ts", import.meta.url).pathname;
  const script = `
    const { NodeRegistry } = await import(${JSON.stringify(registryFile)});
    const figures = () => (${JSON.stringify(figures(1))});
    await new NodeRegistry({ id: ${JSON.stringify(id)}, version: "1", startedAt: Date.now(), figures }, ${JSON.stringify(options)}).start("http://c:3");
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: "inherit" });
  return child;
}

/** Polls the listing until `check` holds; fails only past a guard against a hang. */
async function listedUntil(r: NodeRegistry, check: (ids: string[]) => boolean) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ids = (await r.list()).nodes.map((n) => n.id);
    if (check(ids)) return ids;
    if (Date.now() > deadline) throw new Error(`listing stayed ${JSON.stringify(ids)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the node registry in Redis", () => {
  it("lists every announcing node with its report, drops one gone quiet, and forgets one that stops", async () => {
    const a = registry("node-a", 5);
    const b = registry("node-b", 7);
    await Promise.all([a.start("http://a:1"), b.start("http://b:2")]);

    const listing = await b.list();
    expect(listing.registry).toBe("redis");
    expect(listing.nodes.map((n) => n.id)).toEqual(["node-a", "node-b"]);
    expect(listing.nodes[0]).toEqual({
      id: "node-a",
      address: "http://a:1",
      version: "1.2.3",
      startedAt: "2026-01-01T00:00:00.000Z",
      lastSeen: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      ...figures(5),
    });

    // c, in a process of its own, is killed (-9): no goodbye, no more announcements.
    const killed = announceInChild("node-c");
    try {
      await listedUntil(a, (ids) => ids.includes("node-c"));
    } finally {
      killed.kill("SIGKILL");
    }
    expect(await listedUntil(a, (ids) => !ids.includes("node-c"))).toEqual(["node-a", "node-b"]);

    // b leaves cleanly: gone at once, without waiting for its key to expire.
    await b.stop();
    expect((await a.list()).nodes.map((n) => n.id)).toEqual(["node-a"]);
    await a.stop();
  });

  it("answers with this node alone, marked unreachable, when Redis does not answer", async () => {
    const lonely = new NodeRegistry(
      { id: "lonely", version: "1", startedAt: Date.now(), figures: () => figures(0) },
      // Port 1: nothing listens there.
      { ...options, redisUrl: "redis://127.0.0.1:1" },
    );
    await lonely.start("http://lonely:1");
    const listing = await lonely.list();
    expect(listing).toMatchObject({ registry: "unreachable", nodes: [{ id: "lonely", address: "http://lonely:1" }] });
    await lonely.stop();
  });
});
