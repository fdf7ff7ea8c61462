import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket as NetSocket } from "node:net";
import { ContextServiceClient } from "../../../client/rest-client.ts";
import { connectEvents, waitUntil } from "../../support/live.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const QUEUE_LIMIT = 300;
let server: TestServer;
let client: ContextServiceClient;
beforeAll(async () => {
  server = await startTestServer({ LISTENER_QUEUE_LIMIT: String(QUEUE_LIMIT) });
  client = new ContextServiceClient({ baseUrl: server.baseUrl, token: server.adminToken });
});
afterAll(() => server.stop());

/** The TCP socket under a socket.io-client websocket connection. */
const tcpOf = (socket: import("socket.io-client").Socket) =>
  (socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;

describe("a stalled subscriber", () => {
  it("is dropped with lagged and a resume cursor, without holding up writers or others, and resumes without loss", async () => {
    const ctx = await client.createContext();
    const healthy = await connectEvents(server.baseUrl, server.adminToken);
    const stalled = await connectEvents(server.baseUrl, server.adminToken);
    await healthy.socket.emitWithAck("subscribe", { filter: { contextIds: [ctx] } });
    const { subscriptionId } = await stalled.socket.emitWithAck("subscribe", { filter: { contextIds: [ctx] } });
    tcpOf(stalled.socket).pause(); // stop reading: the server's send buffers fill up

    const svc = server.app.services.contexts;
    const payload = "x".repeat(20_000);
    let maxQueued = 0;
    const WRITES = 1500;
    for (let i = 0; i < WRITES; i++) {
      await svc.setValue(
        ctx,
        { key: `k${i % 50}`, contextType: "DATA", contextScope: "PUBLIC", keywords: [] },
        { value: { i, payload }, keywords: [] },
      );
      for (const s of server.app.services.live.describe().subscribers) maxQueued = Math.max(maxQueued, s.queued);
      await new Promise((r) => setImmediate(r)); // in-process SQLite never waits for I/O: let the sockets be served
    }
    // Writers were never blocked (all 1,500 writes are done while the subscriber is still stalled),
    // and no subscriber queue ever held more than its bound.
    expect(maxQueued).toBeLessThanOrEqual(QUEUE_LIMIT);
    const live = server.app.services.live.describe().subscribers.map((s) => s.id);
    expect(live).not.toContain(subscriptionId);

    // The healthy subscriber got everything, in order.
    await waitUntil(() => healthy.received.events.length === WRITES, "all events at the healthy subscriber");
    const all = healthy.received.events.map((e) => e.revision);
    expect(all).toEqual(Array.from({ length: WRITES }, (_, i) => 2 + i));

    // The stalled one reads again: it finds `lagged` with a cursor, and resuming from it loses nothing.
    tcpOf(stalled.socket).resume();
    await waitUntil(() => stalled.received.others.some((o) => o.name === "lagged"), "lagged");
    const lagged = stalled.received.others.find((o) => o.name === "lagged")!.payload as {
      subscriptionId: string;
      resume: Record<string, number>;
    };
    expect(lagged.subscriptionId).toBe(subscriptionId);
    const before = stalled.received.events.filter((e) => e.subscriptionId === subscriptionId).map((e) => e.revision);
    expect(lagged.resume[ctx]).toBe(before.at(-1) ?? 1);

    const again = await stalled.socket.emitWithAck("subscribe", {
      filter: { contextIds: [ctx] },
      resume: lagged.resume,
    });
    await waitUntil(
      () =>
        stalled.received.events.filter((e) => e.subscriptionId === again.subscriptionId).length ===
        WRITES - before.length,
      "the resumed rest",
    );
    const after = stalled.received.events
      .filter((e) => e.subscriptionId === again.subscriptionId)
      .map((e) => e.revision);
    expect([...before, ...after]).toEqual(all);
    healthy.socket.close();
    stalled.socket.close();
  }, 300_000);
});
