import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContextKey } from "../../../client/rest-client.ts";
import { parsePublicId } from "../../../server/core/public-id.ts";
import { startCluster, type TestCluster } from "../../support/cluster-nodes.ts";
import { withPg } from "../../support/cluster-delivery.ts";
import { connectEvents, waitUntil, type Received } from "../../support/live.ts";

// Three server processes on one PostgreSQL database and Redis (this folder runs on PostgreSQL only).
let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster(3);
}, 180_000);
afterAll(() => cluster?.stop());

// A guard against a hang, not a timing goal: delivery normally takes milliseconds. The tests'
// own limit is above it, so a hang fails with what was awaited.
const HANG_GUARD_MS = 60_000;
const key = (k: string): ContextKey => ({ key: k, contextType: "DATA", contextScope: "PUBLIC" });

/** Polls an asynchronous check until it holds; fails only past the hang guard. */
async function eventually(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + HANG_GUARD_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The context's revision in PostgreSQL, which every node must come to answer. */
async function committedRevision(ctx: string): Promise<number> {
  const client = new pg.Client({ connectionString: cluster.database.url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT "revision" FROM "context_id" WHERE "id" = $1', [parsePublicId(ctx).id]);
    return rows[0].revision as number;
  } finally {
    await client.end();
  }
}

async function subscribeOnEveryNode(contextIds: string[]) {
  return Promise.all(
    cluster.nodes.map(async (node) => {
      const c = await connectEvents(node.baseUrl, cluster.token);
      const ack = await c.socket.emitWithAck("subscribe", { filter: { contextIds } });
      expect(ack.subscriptionId).toBeTypeOf("string");
      return { node: node.id, ...c };
    }),
  );
}

/** Revisions received per context, in arrival order. */
function revisionsByContext(received: Received) {
  const out = new Map<string, number[]>();
  for (const e of received.events) out.set(e.contextId, [...(out.get(e.contextId) ?? []), e.revision]);
  return out;
}

describe("a cluster of three nodes", { timeout: 4 * HANG_GUARD_MS }, () => {
  it("answers health with the node's id and Redis reachable", async () => {
    for (const node of cluster.nodes) {
      const health = await (await fetch(`${node.baseUrl}/api/health`)).json();
      expect(health).toMatchObject({ status: "ok", database: "ok", node: node.id, redis: "ok" });
    }
  });

  it("lists all three nodes in the registry on every node, and sums their figures", async () => {
    const ids = cluster.nodes.map((n) => n.id);
    for (const node of cluster.nodes) {
      const res = await fetch(`${node.baseUrl}/api/v1/metrics`, {
        headers: { authorization: `Bearer ${cluster.token}` },
      });
      const m = (await res.json()) as {
        node: string;
        registry: string;
        nodes: { id: string; address: string; cachedContexts: number }[];
        cluster: { nodes: number; cachedContexts: number };
      };
      expect(m).toMatchObject({ node: node.id, registry: "redis", cluster: { nodes: 3 } });
      expect(m.nodes.map((n) => n.id)).toEqual(ids);
      expect(m.nodes.map((n) => new URL(n.address).port)).toEqual(cluster.nodes.map((n) => new URL(n.baseUrl).port));
      expect(m.cluster.cachedContexts).toBe(m.nodes.reduce((sum, n) => sum + n.cachedContexts, 0));
    }
  });

  it("broadcasts a clear's progress to the admins' sockets on every node (socket.io's Redis adapter)", async () => {
    const [a, b, c] = cluster.nodes;
    const ctx = await a!.client.createContext();
    const watchers = await Promise.all([b!, c!].map((node) => connectEvents(node.baseUrl, cluster.token)));
    const progress = watchers.map(({ socket }) => {
      const seen: { action: string; status: string; total: number }[] = [];
      socket.on("cleanup-progress", (state) => seen.push(state));
      return seen;
    });
    try {
      expect(await a!.client.batchClearContextByHAID([ctx])).toBe(1);
      for (const seen of progress)
        await waitUntil(
          () => seen.some((s) => s.status === "done" && s.total === 1),
          "the clear's progress",
          HANG_GUARD_MS,
        );
    } finally {
      for (const { socket } of watchers) socket.close();
    }
  });

  it("delivers every write made on any node to a subscriber on every node, per context in revision order, once", async () => {
    const [a] = cluster.nodes;
    const contexts = await Promise.all([1, 2, 3].map(() => a!.client.createContext()));
    const subscribers = await subscribeOnEveryNode(contexts);
    const ROUNDS = 15;
    // Every node writes to every context at once: commits to one context interleave across nodes.
    const written = new Map<string, string[]>(contexts.map((c) => [c, []]));
    await Promise.all(
      cluster.nodes.flatMap((node) =>
        contexts.map(async (ctx) => {
          for (let i = 0; i < ROUNDS; i++) {
            const value = `${node.id}/${i}`;
            await node.client.setValue(ctx, key(`k${i % 4}`), { value });
            written.get(ctx)!.push(value);
          }
        }),
      ),
    );
    const perContext = cluster.nodes.length * ROUNDS;
    const total = contexts.length * perContext;
    // The contexts were created (revision 1) before the subscriptions, on node-0: a node whose
    // stream reader is behind under load may hear of a creation only after its subscriber
    // subscribed, and hand it on. The writes are what is checked.
    const writesOf = (s: (typeof subscribers)[number]) => ({
      ...s.received,
      events: s.received.events.filter((e) => e.op !== "context-created"),
    });
    try {
      for (const s of subscribers)
        await waitUntil(() => writesOf(s).events.length >= total, `${total} events on ${s.node}`, HANG_GUARD_MS);
      for (const s of subscribers) {
        const writes = writesOf(s);
        expect(writes.events, `${s.node} got each event once`).toHaveLength(total);
        const byContext = revisionsByContext(writes);
        for (const ctx of contexts) {
          // One revision per write after the creation, no gap, no repeat.
          expect(byContext.get(ctx), `${s.node}: ${ctx} in order`).toEqual(
            Array.from({ length: perContext }, (_, i) => i + 2),
          );
          const values = writes.events.filter((e) => e.contextId === ctx).map((e) => e.value);
          expect(values.sort()).toEqual([...written.get(ctx)!].sort());
        }
        expect(s.received.others.filter((o) => o.name === "error" || o.name === "lagged")).toEqual([]);
      }
    } finally {
      for (const s of subscribers) s.socket.disconnect();
    }
  });

  it("lets a read on another node see a write once it is acknowledged and delivered", async () => {
    const [a, b, c] = cluster.nodes;
    const ctx = await a!.client.createContext();
    await a!.client.setValue(ctx, key("x"), { value: 0 });
    // B and C hold the context in their caches before the writes: what they answer is the cached copy.
    for (const node of [b!, c!]) expect((await node.client.getValue(ctx, key("x")))?.value).toBe(0);
    for (let i = 1; i <= 10; i++) {
      const writer = cluster.nodes[i % 3]!;
      await writer.client.setValue(ctx, key("x"), { value: i });
      for (const reader of cluster.nodes)
        await eventually(
          async () => (await reader.client.getValue(ctx, key("x")))?.value === i,
          `${reader.id} to answer ${i}`,
        );
    }
  });

  it("gives a heartbeat client bound on one node the writes made on the others, once each", async () => {
    const [a, b, c] = cluster.nodes;
    const ctx = await a!.client.createContext();
    await a!.client.bindIdListener(ctx, "hb-cluster");
    await b!.client.setValue(ctx, key("from-b"), { value: 1 });
    await c!.client.setValue(ctx, key("from-c"), { value: 2 });
    const changes: { revision: number; key?: string }[] = [];
    await eventually(async () => {
      const beat = await a!.client.heartbeat("hb-cluster");
      changes.push(...beat.changes.map((ch) => ({ revision: ch.revision, key: ch.contextKey?.key })));
      return changes.length >= 2;
    }, "both changes on node-0's heartbeat");
    expect(changes).toEqual([
      { revision: 2, key: "from-b" },
      { revision: 3, key: "from-c" },
    ]);
  });

  it("lets a heartbeat client carry on through any node: each change once, in order, with its whole entry", async () => {
    const [a, b] = cluster.nodes;
    const ctx = await a!.client.createContext();
    const other = await a!.client.createContext();
    await a!.client.bindIdListener(ctx, "hb-roam");
    // A key binding made on another node counts for the same client.
    await b!.client.bindKeyListener(other, key("watched"), "hb-roam");
    const got: { contextId: string; revision: number; key?: string; scope?: string | null; value?: unknown }[] = [];
    const beat = async (node: (typeof cluster.nodes)[number]) => {
      const answer = await node.client.heartbeat("hb-roam");
      expect(answer.resync).toBe(false);
      got.push(
        ...answer.changes.map((ch) => ({
          contextId: ch.contextId,
          revision: ch.revision,
          key: ch.contextKey?.key,
          scope: ch.contextKey?.contextScope,
          value: ch.contextValue?.value,
        })),
      );
    };
    for (let i = 0; i < 9; i++) {
      await cluster.nodes[i % 3]!.client.setValue(ctx, key(`k${i}`), { value: i });
      if (i % 3 === 0) await cluster.nodes[(i + 1) % 3]!.client.setValue(other, key("watched"), { value: i });
      if (i % 3 === 1) await cluster.nodes[i % 3]!.client.setValue(other, key("unwatched"), { value: i });
      // Heartbeats on every node at once: what one hands over, the others do not.
      await Promise.all(cluster.nodes.map(beat));
    }
    expect(got.filter((g) => g.contextId === ctx)).toEqual(
      Array.from({ length: 9 }, (_, i) => ({
        contextId: ctx,
        revision: i + 2,
        key: `k${i}`,
        scope: "PUBLIC",
        value: i,
      })),
    );
    expect(got.filter((g) => g.contextId === other).map((g) => [g.key, g.value])).toEqual([
      ["watched", 0],
      ["watched", 3],
      ["watched", 6],
    ]);
  });

  it("tells a heartbeat client to resync when the change log no longer holds what it missed", async () => {
    const [a, b] = cluster.nodes;
    const ctx = await a!.client.createContext();
    await a!.client.bindIdListener(ctx, "hb-trimmed");
    for (let i = 0; i < 3; i++) await a!.client.setValue(ctx, key(`k${i}`), { value: i });
    // As retention would: the client's next changes are gone from the log.
    await withPg(cluster.database.url, (client) =>
      client.query('DELETE FROM "context_change_log" WHERE "contextId" = $1 AND "revision" <= 3', [
        parsePublicId(ctx).id,
      ]),
    );
    expect(await b!.client.heartbeat("hb-trimmed")).toEqual({ changes: [], resync: true });
    await a!.client.setValue(ctx, key("after"), { value: 9 });
    const next = await b!.client.heartbeat("hb-trimmed");
    expect(next.resync).toBe(false);
    expect(next.changes.map((c) => [c.revision, c.contextKey?.key])).toEqual([[5, "after"]]);
  });

  it("resumes a subscription on another node from where it left off", async () => {
    const [a, b, c] = cluster.nodes;
    const ctx = await a!.client.createContext();
    const first = await connectEvents(a!.baseUrl, cluster.token);
    await first.socket.emitWithAck("subscribe", { filter: { contextIds: [ctx] } });
    for (let i = 0; i < 5; i++) await b!.client.setValue(ctx, key(`k${i}`), { value: i });
    await waitUntil(() => first.received.events.length === 5, "5 events on node-0", HANG_GUARD_MS);
    first.socket.disconnect();
    const last = first.received.events.at(-1)!.revision;
    for (let i = 5; i < 10; i++) await b!.client.setValue(ctx, key(`k${i}`), { value: i });
    const second = await connectEvents(c!.baseUrl, cluster.token);
    try {
      await second.socket.emitWithAck("subscribe", { filter: { contextIds: [ctx] }, resume: { [ctx]: last } });
      for (let i = 10; i < 12; i++) await a!.client.setValue(ctx, key(`k${i}`), { value: i });
      await waitUntil(() => second.received.events.length >= 7, "7 events on node-2", HANG_GUARD_MS);
      expect(second.received.events.map((e) => e.revision)).toEqual(Array.from({ length: 7 }, (_, i) => last + 1 + i));
    } finally {
      second.socket.disconnect();
    }
  });

  it("shows a context's fields changed on one node on every node", async () => {
    const [a, b, c] = cluster.nodes;
    const ctx = await a!.client.createContext({ application: "before" });
    for (const node of [b!, c!]) expect((await node.client.getContext(ctx)).application).toBe("before");
    await a!.client.call("updateContextID", { contextID: { contextId: ctx, application: "after" } });
    for (const node of [b!, c!])
      await eventually(
        async () => (await node.client.getContext(ctx)).application === "after",
        `${node.id} to answer the new application`,
      );
  });

  it("drops a context cleared on one node from every node's cache", async () => {
    const [a, b] = cluster.nodes;
    const ctx = await a!.client.createContext();
    await a!.client.setValue(ctx, key("x"), { value: 1 });
    expect((await b!.client.getValue(ctx, key("x")))?.value).toBe(1);
    await a!.client.call("clearAllContextByID", { idList: [ctx] });
    await eventually(
      () =>
        b!.client.getValue(ctx, key("x")).then(
          () => false,
          (err: Error) => /does not exist/.test(err.message),
        ),
      "node-1 to answer that the cleared context does not exist",
    );
  });

  it("keeps caches coherent: two writers on two nodes, revisions never go backwards, final states agree", async () => {
    const [a, b] = cluster.nodes;
    const ctx = await a!.client.createContext();
    let writing = true;
    const readRevisions = (node: NonNullable<typeof a>) => async () => {
      const seen: number[] = [];
      while (writing) seen.push((await node.client.getContext(ctx)).revision as number);
      return seen;
    };
    const readers = [readRevisions(a!)(), readRevisions(b!)(), readRevisions(a!)(), readRevisions(b!)()];
    const KEYS = 5;
    const WRITES = 40;
    await Promise.all(
      [a!, b!].map(async (node) => {
        for (let i = 0; i < WRITES; i++) {
          if (i % 10 === 9) await node.client.removeValue(ctx, key(`k${i % KEYS}`));
          else await node.client.setValue(ctx, key(`k${i % KEYS}`), { value: `${node.id}/${i}` });
        }
      }),
    );
    writing = false;
    for (const seen of await Promise.all(readers)) {
      expect(seen.length).toBeGreaterThan(0);
      for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    }
    const finalRevision = await committedRevision(ctx);
    const stateOf = async (node: NonNullable<typeof a>) =>
      Object.fromEntries(
        await Promise.all(
          Array.from({ length: KEYS }, async (_, k) => [
            `k${k}`,
            (await node.client.getValue(ctx, key(`k${k}`)))?.value,
          ]),
        ),
      );
    const states = [];
    for (const node of cluster.nodes) {
      await eventually(
        async () => (await node.client.getContext(ctx)).revision === finalRevision,
        `${node.id} to reach revision ${finalRevision}`,
      );
      states.push(await stateOf(node));
    }
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
  });
});
