import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCredentials } from "../../../server/auth/users.ts";
import { getJson } from "../../support/dashboard-api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

type Answer = { status?: number; message?: string; name?: string; role?: string; password?: string; token?: string };
type UserItem = { name: string; role: string; activeTokens: number };
type TokenItem = {
  id: number;
  kind: string;
  prefix: string;
  name: string | null;
  user: string | null;
  role: string;
  users: string[] | null;
  hosts: string[] | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
};
type AuditLine = { actor: string; action: string; criteria: Record<string, unknown>; outcome: string };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const post = async (path: string, body: unknown, token?: string | null) => {
  const res = await server.request(`/api/v1/${path}`, { body, token });
  return { http: res.status, body: (await res.json()) as Answer };
};
const db = () => server.app.services.database.prisma;
const me = async (headers: Record<string, string>) => {
  const res = await server.request("/api/v1/me", { token: null, headers });
  return { http: res.status, body: (await res.json()) as { user?: string; role?: string } };
};
const lastAudit = async () => (await getJson<{ items: AuditLine[] }>(server, "/api/v1/audit?limit=1")).body.items[0]!;
const tokens = async () => (await getJson<{ items: TokenItem[] }>(server, "/api/v1/tokens")).body.items;

describe("users", () => {
  it("lists users with their role and active tokens, for admins only", async () => {
    const { http, body } = await getJson<{ items: UserItem[] }>(server, "/api/v1/users");
    expect(http).toBe(200);
    expect(body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "admin", role: "admin", activeTokens: 1 }),
        expect.objectContaining({ name: "viewer", role: "viewer", activeTokens: 1 }),
      ]),
    );
    expect((await getJson(server, "/api/v1/users", server.viewerToken)).http).toBe(403);
    expect((await getJson(server, "/api/v1/users", null)).http).toBe(401);
  });

  it("creates a user with a generated password shown once, or the one given; refuses a taken name", async () => {
    const made = await post("users", { name: "alice", role: "viewer" });
    expect(made.http, made.body.message).toBe(200);
    expect(made.body).toMatchObject({ name: "alice", role: "viewer" });
    expect(await checkCredentials(db(), "alice", made.body.password!)).toMatchObject({ role: "viewer" });
    expect(await lastAudit()).toMatchObject({ actor: "admin", action: "createUser", criteria: { name: "alice" } });

    const given = await post("users", { name: "bob", role: "admin", password: "bob-chose-this-one" });
    expect(given.body).toEqual({ name: "bob", role: "admin" });
    expect(await checkCredentials(db(), "bob", "bob-chose-this-one")).toMatchObject({ role: "admin" });

    const taken = await post("users", { name: "alice", role: "admin" });
    expect(taken.http).toBe(409);
    expect(taken.body.message).toContain("alice");
    expect(await lastAudit()).toMatchObject({ action: "createUser", outcome: "refused" });
    for (const [body, field] of [
      [{ name: "has space", role: "viewer" }, /^name: /],
      [{ name: "carol", role: "root" }, /^role: /],
      [{ name: "carol", role: "viewer", password: "short" }, /^password: .*12/],
    ] as const) {
      const bad = await post("users", body);
      expect(bad.http, JSON.stringify(body)).toBe(400);
      expect(bad.body.message).toMatch(field);
    }
    expect(await db().user.findUnique({ where: { name: "carol" } })).toBeNull();
  });

  it("changes a role at once (the user's token acts with the new role), never the admin's own", async () => {
    await post("users", { name: "dave", role: "viewer" });
    const token = (await post("tokens", { kind: "user", user: "dave" })).body.token!;
    expect((await me({ authorization: `Bearer ${token}` })).body.role).toBe("viewer");
    const changed = await post("users/role", { name: "dave", role: "admin" });
    expect(changed).toEqual({ http: 200, body: { name: "dave", role: "admin" } });
    expect((await me({ authorization: `Bearer ${token}` })).body.role).toBe("admin");
    expect(await lastAudit()).toMatchObject({ action: "changeRole", criteria: { name: "dave", role: "admin" } });

    const own = await post("users/role", { name: "admin", role: "viewer" });
    expect(own.http).toBe(409);
    expect((await post("users/role", { name: "nobody", role: "viewer" })).http).toBe(404);
  });

  it("resets a password: the old one stops working, the new one (given or generated) works", async () => {
    const { password: first } = (await post("users", { name: "erin", role: "viewer" })).body;
    const reset = await post("users/password", { name: "erin" });
    expect(reset.http).toBe(200);
    expect(reset.body.password).toBeTruthy();
    expect(await checkCredentials(db(), "erin", first!)).toBeNull();
    expect(await checkCredentials(db(), "erin", reset.body.password!)).not.toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "resetPassword", criteria: { name: "erin" }, outcome: "ok" });
    const chosen = await post("users/password", { name: "erin", password: "erin-new-password" });
    expect(chosen.body).toEqual({ name: "erin" });
    expect(await checkCredentials(db(), "erin", "erin-new-password")).not.toBeNull();
    expect((await post("users/password", { name: "nobody" })).http).toBe(404);
  });

  it("npm run user:password resets a password from the command line", async () => {
    await post("users", { name: "frank", role: "viewer", password: "frank-old-password" });
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", path.join("scripts", "user-password.ts"), "--user", "frank"],
      { env: { ...process.env, DATABASE_URL: server.database.url, DATA_DIR: server.database.dataDir } },
    );
    const password = /^Password: (\S+)$/m.exec(stdout)?.[1];
    expect(password, stdout).toBeTruthy();
    expect(await checkCredentials(db(), "frank", "frank-old-password")).toBeNull();
    expect(await checkCredentials(db(), "frank", password!)).not.toBeNull();
  });

  it("refuses every user change to a viewer (403), changing nothing", async () => {
    for (const [path, body] of [
      ["users", { name: "mallory", role: "admin" }],
      ["users/role", { name: "viewer", role: "admin" }],
      ["users/password", { name: "admin" }],
    ] as const) {
      expect((await post(path, body, server.viewerToken)).http, path).toBe(403);
    }
    expect(await db().user.findUnique({ where: { name: "mallory" } })).toBeNull();
    expect((await db().user.findUnique({ where: { name: "viewer" } }))?.role).toBe("viewer");
  });
});

describe("tokens", () => {
  it("creates a user token shown once, lists it with its last use, and a revocation bites at once", async () => {
    const created = await post("tokens", { kind: "user", user: "viewer", expiresInDays: 30 });
    expect(created.http, created.body.message).toBe(200);
    const token = created.body.token!;
    expect(await lastAudit()).toMatchObject({ action: "createToken", criteria: { kind: "user", user: "viewer" } });
    expect(JSON.stringify(await lastAudit())).not.toContain(token);
    expect(await me({ authorization: `Bearer ${token}` })).toMatchObject({ http: 200, body: { user: "viewer" } });

    const listed = await tokens();
    expect(JSON.stringify(listed)).not.toContain(token);
    const item = listed.find((t) => token.startsWith(t.prefix) && t.user === "viewer")!;
    expect(item).toMatchObject({ kind: "user", user: "viewer", role: "viewer", revokedAt: null });
    expect(new Date(item.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    // The last use is written after the answer: wait for it, whatever the machine's load.
    await expect.poll(async () => (await tokens()).find((t) => t.id === item.id)?.lastUsedAt).not.toBeNull();

    const revoked = await post("tokens/revoke", { id: item.id });
    expect(revoked.http).toBe(200);
    expect((await me({ authorization: `Bearer ${token}` })).http).toBe(401);
    expect(await lastAudit()).toMatchObject({ action: "revokeToken", criteria: { id: item.id }, outcome: "ok" });
    expect((await post("tokens/revoke", { id: item.id })).http).toBe(404);
  });

  it("creates a gateway token that acts for its listed users from its listed hosts, with its role", async () => {
    const created = await post("tokens", {
      kind: "gateway",
      name: "dss-gw",
      users: ["alice", "viewer"],
      hosts: ["127.0.0.1"],
      role: "viewer",
    });
    expect(created.http, created.body.message).toBe(200);
    const code = created.body.token!;
    expect(await me({ "token-code": code, "token-user": "alice" })).toMatchObject({
      http: 200,
      body: { user: "alice", role: "viewer" },
    });
    expect((await me({ "token-code": code, "token-user": "bob" })).http).toBe(401);
    const item = (await tokens()).find((t) => t.name === "dss-gw")!;
    expect(item).toMatchObject({ kind: "gateway", role: "viewer", users: ["alice", "viewer"], hosts: ["127.0.0.1"] });

    const again = await post("tokens", { kind: "gateway", name: "dss-gw", users: ["*"], role: "admin" });
    expect(again.http).toBe(409);
    await post("tokens/revoke", { id: item.id });
    expect((await me({ "token-code": code, "token-user": "alice" })).http).toBe(401);
    // Once revoked, the name may be used again.
    expect((await post("tokens", { kind: "gateway", name: "dss-gw", users: ["*"], role: "admin" })).http).toBe(200);
  });

  it("refuses bad token requests (400), an unknown user (404) and a viewer (403)", async () => {
    for (const [body, field] of [
      [{ kind: "robot" }, /kind/],
      [{ kind: "user", user: "viewer", expiresInDays: 0 }, /^expiresInDays: /],
      [{ kind: "gateway", name: "x y", users: ["*"], role: "admin" }, /^name: /],
      [{ kind: "gateway", name: "gw2", users: [], role: "admin" }, /^users: /],
      [{ kind: "gateway", name: "gw2", users: ["*"], role: "god" }, /^role: /],
    ] as const) {
      const bad = await post("tokens", body);
      expect(bad.http, JSON.stringify(body)).toBe(400);
      expect(bad.body.message).toMatch(field);
    }
    expect((await post("tokens", { kind: "user", user: "nobody" })).http).toBe(404);
    expect((await post("tokens", { kind: "user", user: "viewer" }, server.viewerToken)).http).toBe(403);
    expect((await post("tokens/revoke", { id: 1 }, server.viewerToken)).http).toBe(403);
    expect((await getJson(server, "/api/v1/tokens", server.viewerToken)).http).toBe(403);
  });
});
