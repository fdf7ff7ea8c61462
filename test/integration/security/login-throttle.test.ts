import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authBridge, TOO_MANY_ATTEMPTS } from "../../../lib/auth/credentials-bridge.ts";
import { createUser } from "../../../server/auth/users.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

/**
 * Stands in for next-auth's credentials callback, doing what it does: read the form, call
 * authorize() (here the bridge, with the request headers), answer 401 with an error URL, or
 * 200. What the server adds around it (address, 429, Retry-After, audit) is what is tested.
 */
async function nextAuthLike(req: IncomingMessage, res: ServerResponse) {
  let text = "";
  for await (const chunk of req) text += chunk;
  const form = new URLSearchParams(text);
  let error: string | null = null;
  try {
    const user = await authBridge().checkCredentials(form.get("username")!, form.get("password")!, req.headers);
    if (!user) error = "CredentialsSignin";
    else if ("retryAfterSec" in user) throw new Error(TOO_MANY_ATTEMPTS); // as authorize() does
  } catch (err) {
    error = (err as Error).message;
  }
  res.statusCode = error ? 401 : 200;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ url: error ? `http://x/api/auth/error?error=${error}` : "http://x/" }));
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(
    { LOGIN_MAX_FAILURES_PER_USER: "3", LOGIN_MAX_FAILURES_PER_ADDRESS: "6", LOGIN_LOCKOUT_SECONDS: "600" },
    nextAuthLike,
  );
});
afterAll(() => server.stop());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${server.baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ username, password }).toString(),
  });

describe("login throttling", () => {
  it("locks a user out after repeated failures with 429 and Retry-After, even for the right password, and audits it", async () => {
    await createUser(server.app.services.database.prisma, "target", "viewer", "right-password");
    expect((await login("target", "right-password")).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await login("target", `wrong-${i}`)).status).toBe(401);
    // Before: every one of 300 wrong passwords was answered 401, none was refused.
    const locked = await login("target", "right-password");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await locked.json()).toEqual({ url: expect.stringContaining(TOO_MANY_ATTEMPTS) });
    const audit = await server.app.services.database.prisma.auditLog.findMany({ where: { action: "login-lockout" } });
    expect(audit.map((a) => JSON.parse(a.criteria))).toContainEqual(
      expect.objectContaining({ scope: "user", key: "target" }),
    );
  });

  it("locks an address out after failures spread over many user names; a spoofed address header does not help", async () => {
    // 127.0.0.1 already failed 3 times above; 3 more reach the address limit of 6, whatever
    // address the client claims in the header the server sets itself.
    const spoof = { "x-contextservice-client-address": "10.9.8.7" };
    for (let i = 0; i < 3; i++) expect((await login(`guess-${i}`, "x", spoof)).status).toBe(401);
    const locked = await login("guess-last", "x", spoof);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Locked by address: even the admin's right password from here waits.
    expect((await login("admin", "admin-password-for-tests")).status).toBe(429);
  });
});
