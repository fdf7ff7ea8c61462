import { describe, expect, it } from "vitest";
import { ChangeLogRetention } from "../../../server/listeners/change-log/change-log-retention.ts";
import { connectEvents, waitUntil } from "../../support/live.ts";
import { withTestServer } from "../../support/with-test-server.ts";

const harness = withTestServer();

// In-process SQLite calls never wait for I/O: let the sockets be served between writes.
const yieldToIo = () => new Promise((r) => setImmediate(r));
const key = (k: string) => ({ key: k, contextType: "DATA" as const, contextScope: "PUBLIC" as const });

describe("includeCurrentState", () => {
  it("snapshot + live events replay to the server's final state exactly, while writers run", async () => {
    const ctx = await harness.client.createContext();
    const svc = harness.server.app.services.contexts;
    const N = Number(process.env.SNAPSHOT_ENTRIES ?? 10_000);
    // 10,000 entries, written in-process to keep the setup quick.
    for (let i = 0; i < N; i++) await svc.setValue(ctx, { ...key(`k${i}`), keywords: [] }, { value: i, keywords: [] });

    const c = await connectEvents(harness.server.baseUrl, harness.server.adminToken);
    const ackPromise = c.socket.emitWithAck("subscribe", { filter: { contextIds: [ctx] }, includeCurrentState: true });
    // Create, update and remove keys both already sent and not yet sent, until the snapshot has ended and a bit beyond.
    for (let round = 0, after = 0; after < 30; round++) {
      const n = (round * 7919) % N;
      await svc.setValue(ctx, { ...key(`k${n}`), keywords: [] }, { value: -round, keywords: [] });
      await svc.removeWhere(ctx, (e) => e.key === `k${(n + 5003) % N}`);
      await svc.setValue(ctx, { ...key(`new${round}`), keywords: [] }, { value: round, keywords: [] });
      if (c.received.others.some((o) => o.name === "snapshot-end")) after++;
      await yieldToIo();
    }
    expect((await ackPromise).subscriptionId).toBeTypeOf("string");

    const finalRevision = (await harness.client.getContext(ctx)).revision as number;
    await waitUntil(
      () =>
        c.received.events.some((e) => e.revision === finalRevision) &&
        c.received.others.some((o) => o.name === "snapshot-end"),
      "the final revision",
    );
    const end = c.received.others.find((o) => o.name === "snapshot-end")!.payload as {
      revisions: Record<string, number>;
    };

    // Replay: snapshot events build the state, then live events above snapshot-end's revision apply.
    const state = new Map<string, unknown>();
    const perKeyRevisions = new Map<string, number>();
    let live = 0;
    for (const e of c.received.events) {
      if (e.revision > end.revisions[ctx]!) live++;
      const last = perKeyRevisions.get(e.key!) ?? -1;
      expect(e.revision, `events of ${e.key} in order`).toBeGreaterThan(last);
      perKeyRevisions.set(e.key!, e.revision);
      if (e.op === "removed") state.delete(e.key!);
      else state.set(e.key!, e.value);
    }
    expect(live).toBeGreaterThan(0);
    const truth = new Map(
      (await harness.client.search(ctx, { type: "Not", origin: { type: "Keyword", keyword: "#" } })).map((kv) => [
        kv.contextKey.key,
        kv.contextValue.value,
      ]),
    );
    expect(state.size).toBe(truth.size);
    expect(state).toEqual(truth);
    c.socket.close();
  }, 300_000);
});

describe("resume", () => {
  it("after a disconnect and 500 writes, resume delivers exactly those 500 events in order", async () => {
    const ctx = await harness.client.createContext();
    const c1 = await connectEvents(harness.server.baseUrl, harness.server.adminToken);
    await c1.socket.emitWithAck("subscribe", { filter: { contextIds: [ctx] } });
    await harness.client.setValue(ctx, key("first"), { value: 0 });
    await waitUntil(() => c1.received.events.length === 1, "the first event");
    const lastSeen = c1.received.events[0]!.revision;
    c1.socket.close();

    for (let i = 0; i < 500; i++) {
      await harness.server.app.services.contexts.setValue(
        ctx,
        { ...key(`r${i % 20}`), keywords: [] },
        { value: i, keywords: [] },
      );
      await yieldToIo();
    }

    const c2 = await connectEvents(harness.server.baseUrl, harness.server.adminToken);
    await c2.socket.emitWithAck("subscribe", { filter: { contextIds: [ctx] }, resume: { [ctx]: lastSeen } });
    await waitUntil(() => c2.received.events.length >= 500, "500 resumed events");
    await harness.client.setValue(ctx, key("after"), { value: "live" });
    await waitUntil(() => c2.received.events.length >= 501, "the live event after the replay");
    await new Promise((r) => setTimeout(r, 200));
    const revisions = c2.received.events.map((e) => e.revision);
    expect(revisions).toEqual(Array.from({ length: 501 }, (_, i) => lastSeen + 1 + i));
    expect(c2.received.events.slice(0, 500).map((e) => e.value)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(c2.received.events[500]).toMatchObject({ key: "after", value: "live" });
    c2.socket.close();
  });

  it("answers compacted, with the earliest kept revision, when asked to resume below retention", async () => {
    const ctx = await harness.client.createContext();
    for (let i = 0; i < 120; i++)
      await harness.server.app.services.contexts.setValue(
        ctx,
        { ...key(`c${i}`), keywords: [] },
        { value: i, keywords: [] },
      );
    // Retention of 50 revisions and no minimum age, so the prune runs now.
    const pruned = await new ChangeLogRetention(harness.server.app.services.database.prisma, 50, 0).prune();
    expect(pruned).toBeGreaterThan(0);
    const c = await connectEvents(harness.server.baseUrl, harness.server.adminToken);
    await c.socket.emitWithAck("subscribe", { filter: { contextIds: [ctx] }, resume: { [ctx]: 3 } });
    await waitUntil(() => c.received.others.some((o) => o.name === "compacted"), "compacted");
    const compacted = c.received.others.find((o) => o.name === "compacted")!.payload;
    expect(compacted).toMatchObject({ contextId: ctx, earliest: 121 - 50 + 1 + 0 });
    c.socket.close();
  });
});
