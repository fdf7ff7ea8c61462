import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGatewayToken, revokeTokens } from "../../../server/auth/tokens.ts";
import { readCapture, replay } from "../../support/linkis-wire.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

/** Linkis-style gateway tokens: one token, many users (Token-User), optional hosts, a role. */
let server: TestServer;
const db = () => server.app.services.database.prisma;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

function linkis(name: string, body: unknown, token: string, tokenUser?: string, bearer = false) {
  return fetch(`${server.baseUrl}/api/rest_j/v1/contextservice/${name}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(bearer ? { Authorization: `Bearer ${token}` } : { "Token-Code": token }),
      ...(tokenUser !== undefined ? { "Token-User": tokenUser } : {}),
    },
    body: JSON.stringify(body),
  }).then(async (r) => ({
    http: r.status,
    ...((await r.json()) as { status: number; data: Record<string, unknown> }),
  }));
}

describe("gateway tokens", () => {
  it("a token for any user ('*') acts as each Token-User: recorded as the context's user and in the audit log", async () => {
    const token = await createGatewayToken(db(), { name: "dss", users: ["*"], role: "admin" });
    // The captured client request, unchanged: Token-User hadoop, no such user exists here.
    const captured = await replay(server.baseUrl, readCapture("01-createContextID.http"), token, "unused");
    expect(captured).toMatchObject({ http: 200, status: 0 });
    for (const user of ["alice", "bob"]) {
      const created = await linkis("createContextID", { contextID: {} }, token, user);
      expect(created).toMatchObject({ http: 200, status: 0 });
      const id = created.data.contextId as string;
      const read = await server.request(`/api/rest_j/v1/contextservice/getContextID?contextId=${id}`);
      expect(((await read.json()) as { data: { contextID: { user: string } } }).data.contextID.user).toBe(user);
      const cleared = await linkis("clearAllContextByTime", { createTimeEnd: "1990-01-01 00:00:00" }, token, user);
      expect(cleared).toMatchObject({ http: 200, status: 0, data: { num: "0" } });
    }
    const audit = await server.request("/api/v1/audit?limit=2");
    const { items } = (await audit.json()) as { items: { actor: string; action: string }[] };
    expect(items.map((i) => [i.actor, i.action])).toEqual([
      ["bob", "clearAllContextByTime"],
      ["alice", "clearAllContextByTime"],
    ]);
  });

  it("acts only for its listed users, needs a Token-User, and is not a Bearer token", async () => {
    const token = await createGatewayToken(db(), { name: "etl-only", users: ["etl1", "etl2"], role: "admin" });
    expect(await linkis("createContextID", { contextID: {} }, token, "etl2")).toMatchObject({ http: 200 });
    expect(await linkis("createContextID", { contextID: {} }, token, "mallory")).toMatchObject({
      http: 401,
      status: -1,
    });
    expect(await linkis("createContextID", { contextID: {} }, token, "")).toMatchObject({ http: 401 });
    expect(await linkis("createContextID", { contextID: {} }, token, undefined, true)).toMatchObject({ http: 401 });
  });

  it("accepts only its hosts when it names some", async () => {
    const elsewhere = await createGatewayToken(db(), { name: "far", users: ["*"], hosts: ["10.9.9.9"], role: "admin" });
    expect(await linkis("createContextID", { contextID: {} }, elsewhere, "hadoop")).toMatchObject({ http: 401 });
    const here = await createGatewayToken(db(), { name: "near", users: ["*"], hosts: ["127.0.0.1"], role: "admin" });
    expect(await linkis("createContextID", { contextID: {} }, here, "hadoop")).toMatchObject({ http: 200 });
  });

  it("acts with its own role: a viewer gateway token reads but may not write", async () => {
    const token = await createGatewayToken(db(), { name: "readers", users: ["*"], role: "viewer" });
    const me = await fetch(`${server.baseUrl}/api/v1/me`, { headers: { "Token-Code": token, "Token-User": "carol" } });
    expect(await me.json()).toMatchObject({ user: "carol", role: "viewer", via: "token" });
    expect(await linkis("createContextID", { contextID: {} }, token, "carol")).toMatchObject({ http: 403, status: 3 });
  });

  it("a revoked token is refused on the next request; the name can then be issued again", async () => {
    const token = await createGatewayToken(db(), { name: "short-lived", users: ["*"], role: "admin" });
    expect(await linkis("createContextID", { contextID: {} }, token, "hadoop")).toMatchObject({ http: 200 });
    expect(await revokeTokens(db(), { name: "short-lived" })).toHaveLength(1);
    expect(await linkis("createContextID", { contextID: {} }, token, "hadoop")).toMatchObject({ http: 401 });
    const again = await createGatewayToken(db(), { name: "short-lived", users: ["*"], role: "admin" });
    expect(await linkis("createContextID", { contextID: {} }, again, "hadoop")).toMatchObject({ http: 200 });
  });

  it("is listed for admins with its grant, never its secret", async () => {
    const res = await server.request("/api/v1/tokens");
    const { items } = (await res.json()) as { items: Record<string, unknown>[] };
    expect(items.find((t) => t.name === "etl-only")).toMatchObject({
      kind: "gateway",
      user: null,
      role: "admin",
      users: ["etl1", "etl2"],
      hosts: null,
      revokedAt: null,
    });
    const revoked = items.find((t) => /^short-lived#\d+$/.test(String(t.name)));
    expect(revoked?.revokedAt).toEqual(expect.any(String));
    expect(JSON.stringify(items)).not.toMatch(/tokenHash/);
  });
});
