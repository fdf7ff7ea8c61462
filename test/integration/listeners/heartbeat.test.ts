import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContextServiceClient, ContextServiceError } from "../../../client/rest-client.ts";
import { HeartbeatRegistry } from "../../../server/listeners/heartbeat/heartbeat-registry.ts";
import { HeartbeatStore } from "../../../server/listeners/heartbeat/heartbeat-store.ts";
import type { Services } from "../../../server/services.ts";
import { waitUntil } from "../../support/live.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let writer: ContextServiceClient;
let listener: ContextServiceClient;
beforeAll(async () => {
  server = await startTestServer({ LISTENER_HEARTBEAT_TIMEOUT_MS: "1500" });
  writer = new ContextServiceClient({ baseUrl: server.baseUrl, token: server.adminToken });
  listener = new ContextServiceClient({ baseUrl: server.baseUrl, token: server.viewerToken, tokenUser: "viewer" });
});
afterAll(() => server.stop());

/** A second registry over the server's own database, as after a restart. */
const storeOf = (services: Services) =>
  new HeartbeatStore(services.database.prisma, {
    instance: services.config.INSTANCE_ALIAS,
    backupInstance: services.config.backupInstance,
  });

const key = (k: string, contextType: "DATA" | "ENV" = "DATA") => ({
  key: k,
  contextType,
  contextScope: "PUBLIC" as const,
});

describe("heartbeat clients", () => {
  it("returns a change made by another client once, on the next heartbeat", async () => {
    const ctx = await writer.createContext();
    await listener.bindIdListener(ctx, "node-A");
    expect((await listener.heartbeat("node-A")).changes).toEqual([]);
    await writer.setValue(ctx, { ...key("t"), keywords: ["kw"] }, { value: { rows: 1 } });
    const first = await listener.heartbeat("node-A");
    expect(first.changes).toEqual([
      {
        contextId: ctx,
        contextKey: { key: "t", contextType: "DATA", contextScope: "PUBLIC", keywords: ["kw"] },
        contextValue: { value: { rows: 1 }, keywords: [] },
        op: "created",
        revision: 2,
      },
    ]);
    expect((await listener.heartbeat("node-A")).changes).toEqual([]);
  });

  it("a key listener sees only its key (and context-wide events)", async () => {
    const ctx = await writer.createContext();
    await listener.bindKeyListener(ctx, key("watched", "ENV"), "node-B");
    await writer.setValue(ctx, key("watched", "ENV"), { value: 1 });
    await writer.setValue(ctx, key("other", "ENV"), { value: 2 });
    await writer.setValue(ctx, key("watched", "DATA"), { value: 3 });
    await writer.removeValue(ctx, key("watched", "ENV"));
    await writer.resetContext(ctx);
    const { changes } = await listener.heartbeat("node-B");
    expect(changes.map((c) => [c.op, c.contextKey?.key ?? null, c.contextValue?.value ?? null])).toEqual([
      ["created", "watched", 1],
      ["removed", "watched", null],
      ["context-cleared", null, null],
    ]);
  });

  it("removes a client silent past the timeout with its bindings; its next heartbeat answers 404", async () => {
    const ctx = await writer.createContext();
    await listener.bindIdListener(ctx, "node-C");
    const db = server.app.services.database.prisma;
    expect(await db.idListenerBinding.count({ where: { source: "node-C" } })).toBe(1);
    await waitUntil(
      async () => (await server.app.services.heartbeats.describe()).every((c) => c.source !== "node-C"),
      "node-C to time out",
      10_000,
    );
    expect(await db.idListenerBinding.count({ where: { source: "node-C" } })).toBe(0);
    const err = await listener.heartbeat("node-C").catch((e) => e);
    expect(err).toBeInstanceOf(ContextServiceError);
    expect(err.httpStatus).toBe(404);
    expect(err.message).toMatch(/Bind its listeners again/);
  });

  it("keeps bindings across a restart of the registry (they are persisted)", async () => {
    const ctx = await writer.createContext();
    await listener.bindIdListener(ctx, "node-D");
    const { services } = server.app;
    const fresh = new HeartbeatRegistry(storeOf(services), services.bus, services.contexts, {
      timeoutMs: 60_000,
      pendingLimit: 100,
    });
    await fresh.start();
    try {
      await writer.setValue(ctx, key("x"), { value: 1 });
      const answer = await fresh.heartbeat({ user: "viewer", role: "viewer", via: "token" }, "node-D");
      expect(answer?.resync).toBe(true); // what happened while it was down cannot be known
      expect(answer?.changes.map((c) => c.key)).toEqual(["x"]);
    } finally {
      fresh.stop();
    }
  });

  it("binds without a source as the caller's user (Linkis's client sends none), and refuses an unknown context", async () => {
    const ctx = await writer.createContext();
    await listener.call("onBindIDListener", { contextID: ctx });
    await writer.setValue(ctx, key("bound-as-user"), { value: 1 });
    const beats = await listener.call<{ ContextKeyValueBean: { contextKey: { key: string } }[] }>("heartbeat", {
      source: "viewer",
    });
    expect(beats.ContextKeyValueBean.map((b) => b.contextKey.key)).toContain("bound-as-user");
    await expect(listener.bindIdListener("8-8--cs_1_devcs_1_dev999999", "node-E")).rejects.toMatchObject({
      httpStatus: 404,
    });
  });

  it("reports a silent client gone only after its bindings are deleted", async () => {
    // Before: the sweep dropped the client from memory first and deleted its rows afterwards,
    // so a reader seeing it gone could still count its bindings (the flaky test of issue 14).
    const { services } = server.app;
    let clock = Date.now();
    const fresh = new HeartbeatRegistry(storeOf(services), services.bus, services.contexts, {
      timeoutMs: 60_000,
      pendingLimit: 100,
      now: () => clock,
    });
    const db = services.database.prisma;
    try {
      const ctx = await writer.createContext();
      await fresh.bindId({ user: "viewer", role: "viewer", via: "token" }, "node-F", ctx);
      clock += 120_000;
      const sweeping = fresh.sweep();
      // The delete cannot have finished on this turn: the client must still be reported.
      // (describe reads the registry when called, before its answer is awaited.)
      expect((await fresh.describe()).some((c) => c.source === "node-F")).toBe(true);
      await sweeping;
      expect((await fresh.describe()).some((c) => c.source === "node-F")).toBe(false);
      expect(await db.idListenerBinding.count({ where: { source: "node-F" } })).toBe(0);
    } finally {
      fresh.stop();
    }
  });
});

describe("heartbeat sources belong to whoever bound them", () => {
  let other: ContextServiceClient;
  beforeAll(async () => {
    const { createUser } = await import("../../../server/auth/users.ts");
    const { createToken } = await import("../../../server/auth/tokens.ts");
    const db = server.app.services.database.prisma;
    await createUser(db, "mallory", "viewer", "mallory-password");
    other = new ContextServiceClient({ baseUrl: server.baseUrl, token: await createToken(db, "mallory") });
  });

  it("another user can neither take the owner's changes, nor bind to the source; the owner still gets them", async () => {
    const ctx = await writer.createContext();
    await listener.bindIdListener(ctx, "owned-by-viewer");
    await writer.setValue(ctx, key("secret"), { value: 42 });
    // Before: mallory's heartbeat answered 200 with the change, and the owner then got [].
    await expect(other.heartbeat("owned-by-viewer")).rejects.toMatchObject({ httpStatus: 403 });
    await expect(other.bindIdListener(ctx, "owned-by-viewer")).rejects.toMatchObject({ httpStatus: 403 });
    const { changes } = await listener.heartbeat("owned-by-viewer");
    expect(changes.map((c) => c.contextKey?.key)).toEqual(["secret"]);
  });

  it("an admin may heartbeat any source; the list shows a viewer only their own sources", async () => {
    const ctx = await writer.createContext();
    await other.bindIdListener(ctx, "owned-by-mallory");
    await writer.setValue(ctx, key("seen"), { value: 1 });
    expect((await writer.heartbeat("owned-by-mallory")).changes.map((c) => c.contextKey?.key)).toEqual(["seen"]);
    const list = async (token: string) => {
      const res = await server.request("/api/v1/listeners?kind=heartbeat", { token });
      return ((await res.json()) as { items: { source: string; owner: string }[] }).items;
    };
    const mine = await list(server.viewerToken);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.owner === "viewer")).toBe(true);
    expect((await list(server.adminToken)).map((c) => c.source)).toEqual(
      expect.arrayContaining(["owned-by-mallory", "owned-by-viewer"]),
    );
  });
});
