import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextAuthCsrf, nextAuthPages } from "../../support/next-auth-pages.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

/**
 * next-auth writes a thrown error's message into the URL it sends the browser to
 * (`/api/auth/error?error=<message>`): the credentials check must never throw a storage error
 * through it. Before, a JSON login with `"username": true` answered with the Prisma call, the
 * server's source path and lines of its code in that URL (found by the fuzz suite).
 */
let server: TestServer;
let csrf: { token: string; cookie: string };
beforeAll(async () => {
  server = await startTestServer({}, nextAuthPages);
  csrf = await nextAuthCsrf(server.baseUrl);
});
afterAll(() => server.stop());

/** Logs in with a JSON body (Next's route handler takes JSON as well as a form); answers status and error code. */
async function login(username: unknown, password: unknown) {
  const res = await fetch(`${server.baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: csrf.cookie },
    body: JSON.stringify({ username, password, csrfToken: csrf.token, json: "true" }),
  });
  const { url } = (await res.json()) as { url: string };
  return { status: res.status, error: new URL(url).searchParams.get("error") };
}

describe("login errors", () => {
  it("a user name that is not text, or that no user can have, is a plain failed login", async () => {
    for (const username of [true, { name: "admin" }, ["admin"], 42, "a\u0000b", "x".repeat(300)])
      expect(await login(username, "whatever"), JSON.stringify(username)).toEqual({
        status: 401,
        error: "CredentialsSignin",
      });
    expect(await login("admin", { not: "text" })).toEqual({ status: 401, error: "CredentialsSignin" });
  });

  it("a failing database shows a fixed error code, not its message", async () => {
    const db = server.app.services.database.prisma;
    await db.$executeRawUnsafe(`ALTER TABLE "cs_user" RENAME TO "cs_user_away"`);
    try {
      expect(await login("admin", "admin-password-for-tests")).toEqual({ status: 401, error: "LoginUnavailable" });
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "cs_user_away" RENAME TO "cs_user"`);
    }
    expect((await login("admin", "admin-password-for-tests")).status).toBe(200);
  });
});
