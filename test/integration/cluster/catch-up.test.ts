import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContextKey } from "../../../client/rest-client.ts";
import { parsePublicId } from "../../../server/core/public-id.ts";
import { startCluster, type TestCluster } from "../../support/cluster-nodes.ts";
import { expectEveryRevision, HANG_GUARD_MS, subscribeOn, withPg, writesOf } from "../../support/cluster-delivery.ts";
import { waitUntil } from "../../support/live.ts";
import { startRedis, type RedisServer } from "../../support/redis-server.ts";

// Two nodes on a Redis of this file's own, which the tests stop and start again.
let redis: RedisServer;
let cluster: TestCluster;
beforeAll(async () => {
  redis = await startRedis();
  // Heartbeat clients time out fast here: the sweep's test waits for one to.
  cluster = await startCluster(2, { redisUrl: redis.url, env: { LISTENER_HEARTBEAT_TIMEOUT_MS: "5000" } });
}, 180_000);
afterAll(async () => {
  await cluster?.stop();
  await redis?.stop();
});

const key = (k: string): ContextKey => ({ key: k, contextType: "DATA", contextScope: "PUBLIC" });
const subscribeEverywhere = (contextIds: string[]) => subscribeOn(cluster.nodes, cluster.token, contextIds);

describe("heartbeat clients' timeout in a cluster", { timeout: 4 * HANG_GUARD_MS }, () => {
  it("removes a silent client on every node at once, keeps one that heartbeats on either, and takes a new bind", async () => {
    const [a, b] = cluster.nodes;
    const ctx = await a!.client.createContext();
    await a!.client.bindIdListener(ctx, "hb-silent");
    await b!.client.bindIdListener(ctx, "hb-alive");
    let turn = 0;
    await waitUntil(
      async () => {
        // The live one heartbeats on each node in turn, far more often than its timeout (5 s).
        await cluster.nodes[turn++ % 2]!.client.heartbeat("hb-alive");
        // Looked at in the database: a heartbeat would keep it alive.
        return withPg(cluster.database.url, async (client) => {
          const { rows } = await client.query(`SELECT "expiredAt" FROM "listener_client" WHERE "source" = 'hb-silent'`);
          return rows[0]?.expiredAt != null;
        });
      },
      "the silent client to be removed",
      HANG_GUARD_MS,
    );
    // Removed for the whole cluster, not for one node.
    for (const node of [a!, b!])
      await expect(node.client.heartbeat("hb-silent")).rejects.toMatchObject({ httpStatus: 404 });
    await a!.client.setValue(ctx, key("x"), { value: 1 });
    expect((await a!.client.heartbeat("hb-alive")).changes.map((c) => c.contextKey?.key)).toEqual(["x"]);
    // One sweep lease for the cluster, held by one of the nodes.
    const leases = await withPg(cluster.database.url, async (client) => {
      const { rows } = await client.query(`SELECT "owner" FROM "cs_lease" WHERE "name" = 'heartbeat-sweep'`);
      return rows.map((r) => r.owner as string);
    });
    expect(leases).toHaveLength(1);
    expect(leases[0]).toMatch(/^node-[01]\//);
    // Binding again brings it back, on any node.
    await a!.client.bindIdListener(ctx, "hb-silent");
    expect(await b!.client.heartbeat("hb-silent")).toEqual({ changes: [], resync: false });
  });
});

describe("catching up from the change log", { timeout: 4 * HANG_GUARD_MS }, () => {
  it("delivers, on every node, a change whose node committed it and died before putting it on the stream", async () => {
    const [a] = cluster.nodes;
    const ctx = await a!.client.createContext();
    const { subscribers, stop } = await subscribeEverywhere([ctx]);
    try {
      await a!.client.setValue(ctx, key("k"), { value: 1 });
      // What a node's commit of removeValue does in the database, with nothing sent to Redis after it.
      await withPg(cluster.database.url, async (client) => {
        const id = parsePublicId(ctx).id;
        await client.query("BEGIN");
        await client.query(`DELETE FROM "context_entry" WHERE "contextId" = $1 AND "key" = 'k'`, [id]);
        const { rows } = await client.query(
          'UPDATE "context_id" SET "revision" = "revision" + 1 WHERE "id" = $1 RETURNING "revision"',
          [id],
        );
        await client.query(
          `INSERT INTO "context_change_log" ("contextId", "revision", "op", "contextType", "key", "valueJson", "keywords")
           VALUES ($1, $2, 'removed', 'DATA', 'k', '1', '["k"]')`,
          [id, rows[0].revision],
        );
        await client.query("COMMIT");
      });
      // No later write follows (it would reveal the gap): the tail alone must find it.
      await expectEveryRevision(cluster.database.url, subscribers, [ctx]);
      for (const s of subscribers)
        expect(writesOf(s).map((e) => [e.revision, e.op, e.key])).toEqual([
          [2, "created", "k"],
          [3, "removed", "k"],
        ]);
      // The caches took the removal too.
      for (const node of cluster.nodes) expect(await node.client.getValue(ctx, key("k"))).toBeNull();
    } finally {
      stop();
    }
  });

  it("drops a context cleared while Redis is down from the other node's cache", async () => {
    const [a, b] = cluster.nodes;
    const ctx = await a!.client.createContext();
    await a!.client.setValue(ctx, key("x"), { value: 1 });
    // Node b holds the context in its cache.
    expect((await b!.client.getValue(ctx, key("x")))?.value).toBe(1);
    await redis.stop();
    try {
      await a!.client.call("clearAllContextByID", { idList: [ctx] });
      await waitUntil(
        () =>
          b!.client.getValue(ctx, key("x")).then(
            () => false,
            (err: Error) => /does not exist/.test(err.message),
          ),
        "node b to answer that the cleared context does not exist",
        HANG_GUARD_MS,
      );
    } finally {
      await redis.start();
    }
  });

  it("keeps writes working while Redis is down, and delivers everything, once and in order, on every node", async () => {
    // One context per node that only it writes (no later revision there can reveal a gap, only
    // the log's tail brings its writes to the other node), and one that both write.
    const contexts = await Promise.all([1, 2, 3].map(() => cluster.nodes[0]!.client.createContext()));
    const shared = contexts[2]!;
    const { subscribers, stop } = await subscribeEverywhere(contexts);
    let acknowledged = 0;
    let writing = true;
    let redisDown = false;
    const writtenWhileDown: string[] = [];
    // Every node writes to every context until told to stop: the outage falls in the middle of it.
    const writers = cluster.nodes.flatMap((node, n) =>
      [contexts[n]!, shared].map(async (ctx) => {
        for (let i = 0; writing; i++) {
          const value = `${node.id}/${i}`;
          const down = redisDown;
          await node.client.setValue(ctx, key(`k${i % 3}`), { value });
          if (down && redisDown) writtenWhileDown.push(`${ctx} ${value}`);
          acknowledged++;
        }
      }),
    );
    const acks = (n: number) => waitUntil(() => acknowledged >= n, `${n} acknowledged writes`, HANG_GUARD_MS);
    try {
      await acks(30);
      await redis.stop();
      redisDown = true;
      await acks(acknowledged + 60);
      // Delivery does not wait for Redis: the log's tail brings every node's writes to every node.
      const sample = [...writtenWhileDown];
      expect(sample.length).toBeGreaterThan(0);
      for (const s of subscribers)
        await waitUntil(
          () => {
            const got = new Set(s.received.events.map((e) => `${e.contextId} ${String(e.value)}`));
            return sample.every((v) => got.has(v));
          },
          `${s.node} to receive the ${sample.length} writes acknowledged while Redis is down`,
          HANG_GUARD_MS,
        );
      redisDown = false;
      await redis.start();
      await acks(acknowledged + 60);
    } finally {
      writing = false;
      await Promise.all(writers);
    }
    try {
      await expectEveryRevision(cluster.database.url, subscribers, contexts);
    } finally {
      stop();
    }
  });
});
