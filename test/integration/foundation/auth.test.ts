import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe("health", () => {
  it("answers ok with the database reachable, without authentication", async () => {
    const res = await server.request("/api/health", { token: null });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", database: "ok", version: expect.any(String) });
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });
});

describe("authentication", () => {
  it("refuses a request without credentials with 401, status -1 and a hint", async () => {
    const res = await server.request("/api/v1/me", { token: null });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body).toMatchObject({ method: "/api/v1/me", status: -1, data: {} });
    expect(body.message).toMatch(/Bearer/);
  });

  it("refuses an unknown bearer token", async () => {
    const res = await server.request("/api/v1/me", { token: "cs_not-a-real-token" });
    expect(res.status).toBe(401);
  });

  it("accepts a bearer token and says whose it is", async () => {
    const res = await server.request("/api/v1/me");
    expect(await res.json()).toEqual({ user: "admin", role: "admin", via: "token" });
    const viewer = await server.request("/api/v1/me", { token: server.viewerToken });
    expect(await viewer.json()).toEqual({ user: "viewer", role: "viewer", via: "token" });
  });

  it("accepts Linkis's Token-Code and Token-User headers, and only for the token's owner", async () => {
    const ok = await server.request("/api/v1/me", {
      token: null,
      headers: { "Token-Code": server.adminToken, "Token-User": "admin" },
    });
    expect(ok.status).toBe(200);
    const wrongUser = await server.request("/api/v1/me", {
      token: null,
      headers: { "Token-Code": server.adminToken, "Token-User": "viewer" },
    });
    expect(wrongUser.status).toBe(401);
  });

  it("does not fall back to a cookie when a token is present but wrong", async () => {
    const res = await server.request("/api/v1/me", {
      token: "bad",
      headers: { cookie: "next-auth.session-token=garbage" },
    });
    expect(res.status).toBe(401);
  });

  it("ignores a forged session cookie", async () => {
    const res = await server.request("/api/v1/me", {
      token: null,
      headers: { cookie: "next-auth.session-token=eyJhbGciOiJub25lIn0.e30." },
    });
    expect(res.status).toBe(401);
  });

  it("stores tokens only as hashes", async () => {
    const rows = await server.app.services.database.prisma.apiToken.findMany();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row.tokenHash).not.toContain(server.adminToken);
    expect(rows.map((r) => r.tokenHash)).not.toContain(server.adminToken);
  });
});

describe("unknown paths and methods", () => {
  it("answers an unknown Linkis endpoint with the envelope and 404", async () => {
    const res = await server.request("/api/rest_j/v1/contextservice/noSuchThing", { body: {} });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ method: "/api/contextservice/noSuchThing", status: 1, data: {} });
  });

  it("answers a wrong method with 405", async () => {
    const res = await server.request("/api/v1/me", { method: "POST", body: {} });
    expect(res.status).toBe(405);
    expect((await res.json()).status).toBe(2);
  });
});
