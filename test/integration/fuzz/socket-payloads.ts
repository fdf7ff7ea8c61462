import fc from "fast-check";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext, setValue } from "../../support/dashboard-api.ts";
import { expectNoInternals } from "../../support/fuzz/answer-checks.ts";
import { dataSnapshot } from "../../support/fuzz/data-snapshot.ts";
import { fuzzOptions } from "../../support/fuzz/fuzz-options.ts";
import { deepJsonText, hostileJson, mutated, mutatedAt } from "../../support/fuzz/hostile-values.ts";
import { connectEvents, type Received } from "../../support/live.ts";
import type { TestServer } from "../../support/test-server.ts";

/**
 * socket.io payloads on `/events`: near-misses of a valid subscribe request (every field,
 * nested ones one by one), arbitrary JSON, non-objects and deep nesting, for `subscribe` and
 * `unsubscribe`. Every ack is `{subscriptionId}` or `{error}` with no internals, the socket
 * stays connected, the server keeps answering, and nothing stored changes (subscribing writes
 * nothing, accepted or refused).
 */
let server: TestServer;
let target: { id: string; row: number };
let socket: Socket;
let received: Received;

const validSubscribe = () => ({
  filter: {
    contextIds: [target.id],
    contextTypes: ["DATA"],
    keyPrefix: "orders",
    keywords: ["k1"],
    ops: ["created", "updated"],
    valueMatch: { path: "a.b", equals: 1 },
  },
  converter: { fields: ["a", "b.c"] },
  includeCurrentState: true,
  resume: { [target.id]: 0 },
});

const nested = [
  ["filter", "contextIds"],
  ["filter", "contextTypes"],
  ["filter", "keyPrefix"],
  ["filter", "keywords"],
  ["filter", "ops"],
  ["filter", "valueMatch"],
  ["filter", "valueMatch", "path"],
  ["filter", "valueMatch", "equals"],
  ["converter", "fields"],
  ["resume"],
];

const payloads: fc.Arbitrary<{ event: "subscribe" | "unsubscribe"; payload: unknown }> = fc
  .oneof(
    { weight: 4, arbitrary: fc.constant(null).chain(() => mutated(validSubscribe())) },
    {
      weight: 4,
      arbitrary: fc
        .constant(null)
        .chain(() => fc.constantFrom(...nested).chain((path) => mutatedAt(validSubscribe(), path))),
    },
    { weight: 2, arbitrary: hostileJson },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        JSON.parse(deepJsonText(3000, "array")),
        { filter: JSON.parse(deepJsonText(2000, "object")) },
        { resume: Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`1-1--ab${i + 1}`, 0])) },
        { filter: { contextIds: ["8-8--cs_1_devcs_1_dev999999999999999"] } },
        { filter: { contextIds: ["a\u0000b"], keyPrefix: "\ud800" } },
      ),
    },
  )
  .map((payload) => ({ event: "subscribe" as const, payload }));

const unsubscribes = fc
  .oneof(
    hostileJson,
    hostileJson.map((subscriptionId) => ({ subscriptionId })),
  )
  .map((payload) => ({ event: "unsubscribe" as const, payload }));

/** Emits with an ack; fails when the socket disconnects instead of answering. */
function emitWithAck(event: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const lost = (reason: string) => reject(new Error(`socket disconnected (${reason}) after ${event}`));
    socket.once("disconnect", lost);
    socket.emit(event, payload, (ack: unknown) => {
      socket.off("disconnect", lost);
      resolve(ack);
    });
  });
}

/** Registers this family's fixtures and properties on the shared fuzz server. */
export function fuzzSocketPayloads(shared: { server: TestServer }) {
  beforeAll(async () => {
    server = shared.server;
    target = await createContext(server, { user: "fuzz" });
    await setValue(server, target.id, { key: "orders.table", contextType: "DATA", keywords: ["k1"] }, { value: 1 });
    ({ socket, received } = await connectEvents(server.baseUrl, server.viewerToken));
  });
  afterAll(async () => {
    socket?.close();
  });

  describe("fuzz: socket.io payloads on /events", () => {
    it("every ack is a subscription or an error without internals; the socket and the server stay up", async () => {
      const before = await dataSnapshot(server, [target.row]);
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 4, arbitrary: payloads }, { weight: 1, arbitrary: unsubscribes }),
          async ({ event, payload }) => {
            const ack = await emitWithAck(event, payload);
            const what = `${event} ${JSON.stringify(payload)?.slice(0, 300)} → ${JSON.stringify(ack)}`;
            expect(ack, what).toEqual(
              expect.objectContaining(
                (ack as { error?: unknown }).error !== undefined
                  ? { error: expect.any(String) }
                  : event === "subscribe"
                    ? { subscriptionId: expect.any(String) }
                    : { ok: true },
              ),
            );
            expectNoInternals(JSON.stringify(ack), what);
            const { subscriptionId, error } = ack as { subscriptionId?: string; error?: string };
            if (error !== undefined) refused++;
            // Close what was opened, so the run does not pile up subscriptions.
            if (subscriptionId) await emitWithAck("unsubscribe", { subscriptionId });
            expect(socket.connected, what).toBe(true);
          },
        ),
        fuzzOptions(60),
      );
      expect(refused).toBeGreaterThan(20);
      // Catch-up failures arrive as "error" events: none may carry internals either.
      for (const other of received.others) expectNoInternals(JSON.stringify(other.payload), other.name);
      expect((await server.request("/api/health", { token: null })).status).toBe(200);
      expect(await dataSnapshot(server, [target.row])).toEqual(before);
    });
  });
}
