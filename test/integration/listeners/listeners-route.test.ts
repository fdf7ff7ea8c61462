import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContextServiceClient } from "../../../client/rest-client.ts";
import { allPages, getJson, type Page } from "../../support/dashboard-api.ts";
import { connectEvents } from "../../support/live.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

interface Subscriber {
  id: string;
  user: string;
  filter: Record<string, unknown>;
  converter: { fields: string[] } | null;
  live: boolean;
  queued: number;
  sent: number;
  contexts: number;
  createdAt: string;
}
interface HeartbeatClient {
  source: string;
  idBindings: number;
  keyBindings: number;
  lastHeartbeatAgeMs: number;
  pending: number;
  resync: boolean;
}
type Listing<T> = Page<T> & { kind: string; total: number; lagged?: number };

let server: TestServer;
let writer: ContextServiceClient;
let listener: ContextServiceClient;
let contextId: string;
const sockets: Socket[] = [];
const subscriptionIds: string[] = [];

const filters = [{ contextIds: [] as string[] }, { keyPrefix: "pre." }, { contextTypes: ["ENV"], ops: ["created"] }];

/** Reads `read` until `done` holds for what it answers (or fails naming `what`); answers the last reading. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let tries = 0; ; tries++) {
    const value = await read();
    if (done(value)) return value;
    if (tries > 500) throw new Error(`gave up waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  server = await startTestServer();
  writer = new ContextServiceClient({ baseUrl: server.baseUrl, token: server.adminToken });
  listener = new ContextServiceClient({ baseUrl: server.baseUrl, token: server.viewerToken, tokenUser: "viewer" });
  contextId = await writer.createContext();
  filters[0]!.contextIds = [contextId];
  // Bound in an order other than the list's, which is by source.
  await listener.bindIdListener(contextId, "node-b");
  await listener.bindKeyListener(contextId, { key: "watched", contextType: "DATA" }, "node-c");
  await listener.bindKeyListener(contextId, { key: "other", contextType: "ENV" }, "node-c");
  await listener.bindIdListener(contextId, "node-a");
  for (const [i, filter] of filters.entries()) {
    const { socket } = await connectEvents(server.baseUrl, i === 0 ? server.viewerToken : server.adminToken);
    const ack = (await socket.emitWithAck("subscribe", {
      filter,
      ...(i === 2 && { converter: { fields: ["name"] } }),
    })) as { subscriptionId: string };
    sockets.push(socket);
    subscriptionIds.push(ack.subscriptionId);
  }
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.stop();
});

describe("GET /api/v1/listeners", () => {
  it("lists the live subscribers (the default kind) with their user, filter, converter and lag", async () => {
    const { http, body } = await getJson<Listing<Subscriber>>(server, "/api/v1/listeners");
    expect(http).toBe(200);
    expect(body).toMatchObject({ kind: "live", total: 3, lagged: 0, nextCursor: null });
    const byId = new Map(body.items.map((s) => [s.id, s]));
    expect([...byId.keys()].sort()).toEqual([...subscriptionIds].sort());
    expect(byId.get(subscriptionIds[0]!)).toMatchObject({
      user: "viewer",
      filter: { contextIds: [contextId] },
      converter: null,
      queued: 0,
    });
    expect(byId.get(subscriptionIds[1]!)).toMatchObject({ user: "admin", filter: { keyPrefix: "pre." } });
    expect(byId.get(subscriptionIds[2]!)).toMatchObject({
      filter: { contextTypes: ["ENV"], ops: ["created"] },
      converter: { fields: ["name"] },
    });
    // Oldest first, ties broken by id: the order paging relies on.
    const order = body.items.map((s) => [s.createdAt, s.id].join(" "));
    expect(order).toEqual([...order].sort());
  });

  it("counts what each subscriber was sent", async () => {
    await writer.setValue(
      contextId,
      { key: "pre.x", contextType: "ENV", contextScope: "PUBLIC" },
      { value: { name: "n", other: 1 } },
    );
    // All three filters pass this change; the counts rise as each socket is written to.
    const sent = await eventually(
      async () => (await getJson<Listing<Subscriber>>(server, "/api/v1/listeners")).body.items.map((s) => s.sent),
      (counts) => counts.every((n) => n === 1),
      "each subscriber to have been sent the change",
    );
    expect(sent).toEqual([1, 1, 1]);
  });

  it("lists the heartbeat clients by source with their bindings, heartbeat age and pending changes", async () => {
    await writer.setValue(contextId, { key: "watched", contextType: "DATA", contextScope: "PUBLIC" }, { value: 1 });
    await listener.heartbeat("node-a");
    const { http, body } = await getJson<Listing<HeartbeatClient>>(server, "/api/v1/listeners?kind=heartbeat");
    expect(http).toBe(200);
    expect(body).toMatchObject({ kind: "heartbeat", total: 3, nextCursor: null });
    expect(body).not.toHaveProperty("lagged");
    expect(body.items.map((c) => [c.source, c.idBindings, c.keyBindings, c.resync])).toEqual([
      ["node-a", 1, 0, false],
      ["node-b", 1, 0, false],
      ["node-c", 0, 2, false],
    ]);
    // node-a just took its changes; node-b (whole context) and node-c (the watched key) still wait for theirs.
    expect(body.items.map((c) => c.pending)).toEqual([0, 2, 1]);
    expect(body.items.every((c) => c.lastHeartbeatAgeMs >= 0)).toBe(true);
  });

  it("pages each kind with its cursor, every listener once", async () => {
    const live = await allPages<Subscriber>(server, "/api/v1/listeners?kind=live&limit=2");
    expect(live.map((p) => p.items.length)).toEqual([2, 1]);
    expect(live.flatMap((p) => p.items.map((s) => s.id)).sort()).toEqual([...subscriptionIds].sort());
    const heartbeat = await allPages<HeartbeatClient>(server, "/api/v1/listeners?kind=heartbeat&limit=1");
    expect(heartbeat.flatMap((p) => p.items.map((c) => c.source))).toEqual(["node-a", "node-b", "node-c"]);
  });

  it("drops a subscriber from the list when its socket disconnects", async () => {
    const { socket } = await connectEvents(server.baseUrl, server.adminToken);
    const { subscriptionId } = (await socket.emitWithAck("subscribe", {})) as { subscriptionId: string };
    const ids = async () =>
      (await getJson<Listing<Subscriber>>(server, "/api/v1/listeners")).body.items.map((s) => s.id);
    expect(await ids()).toContain(subscriptionId);
    socket.close();
    expect(
      await eventually(
        ids,
        (list) => !list.includes(subscriptionId),
        "the disconnected subscription to leave the list",
      ),
    ).toHaveLength(3);
  });

  it("answers 400 naming the parameter for a bad kind, limit or cursor", async () => {
    const { body: firstHeartbeat } = await getJson<Listing<HeartbeatClient>>(
      server,
      "/api/v1/listeners?kind=heartbeat&limit=1",
    );
    const cases: [string, RegExp][] = [
      ["kind=everything", /kind/],
      ["limit=0", /limit/],
      ["limit=501", /limit/],
      ["cursor=not-a-cursor", /cursor/],
      [`cursor=${firstHeartbeat.nextCursor}`, /cursor.*kind=heartbeat/],
    ];
    for (const [query, field] of cases) {
      const { http, body } = await getJson<{ status: number; message: string }>(server, `/api/v1/listeners?${query}`);
      expect(http, query).toBe(400);
      expect(body.message, query).toMatch(field);
    }
  });

  it("lets a viewer read, and refuses a caller without a token (401)", async () => {
    expect((await getJson(server, "/api/v1/listeners?kind=heartbeat", server.viewerToken)).http).toBe(200);
    expect((await getJson(server, "/api/v1/listeners", server.viewerToken)).http).toBe(200);
    const anonymous = await getJson<{ message: string }>(server, "/api/v1/listeners", null);
    expect(anonymous.http).toBe(401);
    expect(anonymous.body.message).toMatch(/Bearer/);
  });
});
