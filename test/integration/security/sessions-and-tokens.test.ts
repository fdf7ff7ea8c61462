import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authBridge } from "../../../lib/auth/credentials-bridge.ts";
import { endSessions } from "../../../server/auth/sessions.ts";
import { createToken } from "../../../server/auth/tokens.ts";
import { createUser, updateUser } from "../../../server/auth/users.ts";
import { sessionCookie } from "../../support/session-cookie.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const db = () => server.app.services.database.prisma;

const contextCount = () => db().contextId.count();
const createWithCookie = (
  cookie: string,
  headers: Record<string, string>,
  rawBody = JSON.stringify({ contextID: {} }),
) =>
  server.request("/api/rest_j/v1/contextservice/createContextID", {
    token: null,
    rawBody,
    headers: { cookie, ...headers },
  });

describe("CSRF defence for cookie sessions", () => {
  it("refuses a cross-site form post and a foreign Origin, changing nothing; accepts the dashboard's own JSON", async () => {
    const cookie = await sessionCookie("admin", "admin", 0);
    const before = await contextCount();
    // Before: this text/plain post from another site created a context (200).
    const form = await createWithCookie(cookie, { "content-type": "text/plain", origin: "https://evil.example" });
    expect(form.status).toBe(403);
    expect(await form.json()).toMatchObject({
      status: 3,
      message: expect.stringMatching(/Cross-site request refused/),
    });
    const foreign = await createWithCookie(cookie, {
      "content-type": "application/json",
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
    });
    expect(foreign.status).toBe(403);
    const bare = await createWithCookie(cookie, { "content-type": "application/json" });
    expect(bare.status).toBe(403);
    expect(await contextCount()).toBe(before);

    const own = await createWithCookie(cookie, {
      "content-type": "application/json",
      origin: server.baseUrl,
      "sec-fetch-site": "same-origin",
    });
    expect(own.status).toBe(200);
    expect(await contextCount()).toBe(before + 1);
  });

  it("leaves token calls alone, whatever their Origin or Content-Type", async () => {
    const r = await server.request("/api/rest_j/v1/contextservice/createContextID", {
      rawBody: JSON.stringify({ contextID: {} }),
      headers: { "content-type": "text/plain", origin: "https://elsewhere.example" },
    });
    expect(r.status).toBe(200);
  });
});

describe("sessions end", () => {
  const me = (cookie: string) => server.request("/api/v1/me", { token: null, headers: { cookie } });

  it("at sign-out: the same cookie no longer works", async () => {
    await createUser(db(), "signs-out", "viewer", "password-signs-out");
    const cookie = await sessionCookie("signs-out", "viewer", 0);
    expect((await me(cookie)).status).toBe(200);
    // next-auth's signOut event calls this bridge; before, the 12 h JWT kept working.
    await authBridge().signedOut("signs-out");
    expect((await me(cookie)).status).toBe(401);
    expect((await me(await sessionCookie("signs-out", "viewer", 1))).status).toBe(200);
  });

  it("at a password change and at a role change", async () => {
    await createUser(db(), "changes", "admin", "password-changes");
    const first = await sessionCookie("changes", "admin", 0);
    expect((await me(first)).status).toBe(200);
    await updateUser(db(), "changes", { password: "another-password" });
    expect((await me(first)).status).toBe(401);
    const second = await sessionCookie("changes", "admin", 1);
    expect((await me(second)).status).toBe(200);
    await updateUser(db(), "changes", { role: "viewer" });
    expect((await me(second)).status).toBe(401);
    await endSessions(db(), "nobody-by-that-name");
  });
});

describe("tokens", () => {
  const meWith = (token: string) => server.request("/api/v1/me", { token });

  it("a revoked token is refused on the very next request (the cache does not keep it)", async () => {
    const token = await createToken(db(), "viewer");
    expect((await meWith(token)).status).toBe(200); // now cached
    const { id } = (await db().apiToken.findFirst({ where: { prefix: token.slice(0, 10) } }))!;
    const revoke = await server.request("/api/v1/tokens/revoke", { body: { id } });
    expect(revoke.status).toBe(200);
    // Before: the token cache kept answering for it for 30 s.
    expect((await meWith(token)).status).toBe(401);
    const list = (await (await server.request("/api/v1/tokens")).json()) as {
      items: { id: number; revokedAt: string | null }[];
    };
    expect(list.items.find((t) => t.id === id)?.revokedAt).toEqual(expect.any(String));
  });

  it("viewers may neither list nor revoke tokens", async () => {
    expect((await server.request("/api/v1/tokens", { token: server.viewerToken })).status).toBe(403);
    const r = await server.request("/api/v1/tokens/revoke", { token: server.viewerToken, body: { id: 1 } });
    expect(r.status).toBe(403);
    expect((await meWith(server.adminToken)).status).toBe(200);
  });

  it("an expired token is refused, even while cached", async () => {
    const past = await createToken(db(), "viewer", { expiresAt: new Date(Date.now() - 1000) });
    expect((await meWith(past)).status).toBe(401);
    // Room for the first request to arrive before expiry even on a loaded machine.
    const expiresAt = new Date(Date.now() + 5000);
    const soon = await createToken(db(), "viewer", { expiresAt });
    expect((await meWith(soon)).status).toBe(200); // cached from here on
    while (Date.now() <= expiresAt.getTime()) await new Promise((r) => setTimeout(r, 100));
    expect((await meWith(soon)).status).toBe(401);
  });

  it("a user's cached token acts with their new role right after a role change", async () => {
    await createUser(db(), "demoted", "admin", "password-demoted");
    const token = await createToken(db(), "demoted");
    const write = () => server.linkis("createContextID", { contextID: {} }, token);
    expect((await write()).http).toBe(200);
    await updateUser(db(), "demoted", { role: "viewer" });
    expect((await write()).http).toBe(403);
  });
});
