import { describe, expect, it } from "vitest";
import { connectEvents, waitUntil } from "../../support/live.ts";
import { withTestServer } from "../../support/with-test-server.ts";

const harness = withTestServer();

// A tiny seeded PRNG so a failure can be replayed.
const rng = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

describe("live subscriptions: filters under concurrent writers", () => {
  it("each of 3 subscribers receives exactly what its filter passes, per context in revision order, once", async () => {
    const a = await harness.client.createContext({ user: "a" });
    const b = await harness.client.createContext({ user: "b" });
    const hotKeys = ["h0", "h1", "h2", "pre.h3", "pre.h4"];
    const filters = [
      { contextIds: [a] },
      { keyPrefix: "pre." },
      { contextTypes: ["ENV"], ops: ["created", "removed"] },
    ];
    const subs = await Promise.all(
      filters.map(async (filter) => {
        const c = await connectEvents(harness.server.baseUrl, harness.server.viewerToken);
        const ack = await c.socket.emitWithAck("subscribe", { filter });
        expect(ack.subscriptionId).toBeTypeOf("string");
        return { ...c, filter };
      }),
    );

    // 10 writers × 1,000 random set/remove on 5 hot keys, over two contexts and two types.
    const random = rng(42);
    const ops = Array.from({ length: 10 }, () =>
      Array.from({ length: 1000 }, () => ({
        ctx: random() < 0.5 ? a : b,
        key: hotKeys[Math.floor(random() * 5)]!,
        type: random() < 0.5 ? "DATA" : "ENV",
        remove: random() < 0.3,
        value: Math.floor(random() * 1e6),
      })),
    );
    await Promise.all(
      ops.map(async (list) => {
        for (const op of list) {
          const contextKey = { key: op.key, contextType: op.type as "DATA", contextScope: "PUBLIC" as const };
          if (op.remove) await harness.client.removeValue(op.ctx, contextKey);
          else await harness.client.setValue(op.ctx, contextKey, { value: op.value });
        }
      }),
    );

    // The change log is the truth of what was committed: derive each subscriber's expected stream from it.
    const db = harness.server.app.services.database.prisma;
    const log = await db.changeLog.findMany({
      where: { contextId: { in: [a, b].map((id) => Number(/\d+$/.exec(id)![0])) }, revision: { gt: 1 } },
      orderBy: [{ contextId: "asc" }, { revision: "asc" }],
    });
    const publicOf = (row: number) => [a, b].find((id) => id.endsWith(`dev${row}`)) as string;
    const committed = log.map((l) => ({
      contextId: publicOf(l.contextId),
      revision: l.revision,
      op: l.op,
      contextType: l.contextType,
      key: l.key,
    }));
    const passes = [
      (e: (typeof committed)[number]) => e.contextId === a,
      (e: (typeof committed)[number]) => e.key!.startsWith("pre."),
      (e: (typeof committed)[number]) => e.contextType === "ENV" && (e.op === "created" || e.op === "removed"),
    ];

    for (const [i, sub] of subs.entries()) {
      const expected = committed.filter(passes[i]!);
      expect(expected.length).toBeGreaterThan(100);
      await waitUntil(
        () => sub.received.events.length >= expected.length,
        `subscriber ${i} to receive ${expected.length} events`,
      );
      await new Promise((r) => setTimeout(r, 200)); // anything extra would show up now
      const got = sub.received.events.map(({ contextId, revision, op, contextType, key }) => ({
        contextId,
        revision,
        op,
        contextType,
        key,
      }));
      const byContext = (list: typeof got) => [a, b].map((id) => list.filter((e) => e.contextId === id));
      expect(byContext(got)).toEqual(byContext(expected));
      sub.socket.close();
    }
  }, 300_000);
});

describe("converter and valueMatch", () => {
  it("sends only the listed fields, and only values that match", async () => {
    const ctx = await harness.client.createContext();
    const c = await connectEvents(harness.server.baseUrl, harness.server.adminToken);
    await c.socket.emitWithAck("subscribe", {
      filter: { contextIds: [ctx], valueMatch: { path: "status", equals: "ready" } },
      converter: { fields: ["name", "meta.owner"] },
    });
    const key = (k: string) => ({ key: k, contextType: "DATA" as const, contextScope: "PUBLIC" as const });
    await harness.client.setValue(ctx, key("t1"), {
      value: { name: "orders", status: "ready", meta: { owner: "ann", size: 9 }, big: "x".repeat(1000) },
    });
    await harness.client.setValue(ctx, key("t2"), {
      value: { name: "drafts", status: "pending", meta: { owner: "bob" } },
    });
    await harness.client.setValue(ctx, key("t3"), { value: { name: "ledger", status: "ready" } });
    await harness.client.removeValue(ctx, key("t1"));
    await harness.client.removeValue(ctx, key("t2"));
    await waitUntil(() => c.received.events.length >= 3, "3 events");
    await new Promise((r) => setTimeout(r, 200));
    expect(c.received.events.map((e) => [e.op, e.key, e.value])).toEqual([
      ["created", "t1", { name: "orders", meta: { owner: "ann" } }],
      ["created", "t3", { name: "ledger" }],
      ["removed", "t1", null], // a removal is judged by the value it removed
    ]);
    c.socket.close();
  });

  it("refuses unknown filter fields, bad paths and code in a filter", async () => {
    const c = await connectEvents(harness.server.baseUrl, harness.server.adminToken);
    for (const request of [
      { filter: { contextIds: ["8-8--cs_1_devcs_1_dev1"], script: "return true" } },
      { filter: { valueMatch: { path: "a..b", equals: 1 } } },
      { converter: { fields: ["ok", "bad path"] } },
      { converter: { fields: [] } },
      { filter: { contextIds: ["not-an-id"] } },
      { unknown: true },
    ]) {
      const ack = await c.socket.emitWithAck("subscribe", request);
      expect(ack.error, JSON.stringify(request)).toBeTypeOf("string");
      expect(ack.subscriptionId).toBeUndefined();
    }
    c.socket.close();
  });

  it("refuses a handshake without valid credentials", async () => {
    await expect(connectEvents(harness.server.baseUrl, "cs_wrong")).rejects.toThrow(/not valid/);
  });
});
