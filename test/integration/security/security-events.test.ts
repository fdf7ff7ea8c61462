import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../server/core/logger.ts";
import { createToken } from "../../../server/auth/tokens.ts";
import { createUser } from "../../../server/auth/users.ts";
import { nextAuthCsrf, nextAuthPages } from "../../support/next-auth-pages.ts";
import { sessionCookie } from "../../support/session-cookie.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

/**
 * Security events (issue 14): failed logins, lockouts, refused origins, revocations and ended
 * sessions each become one structured log line, `"log":"security"` at level warn, for a log
 * shipper to alert on. Read back from the server's own logger.
 */
type Line = Record<string, unknown>;
const lines: Line[] = [];
let server: TestServer;
let csrf: { token: string; cookie: string };

beforeAll(async () => {
  const destination = { write: (text: string) => void lines.push(JSON.parse(text) as Line) };
  server = await startTestServer(
    { LOGIN_MAX_FAILURES_PER_USER: "2", LOGIN_MAX_FAILURES_PER_ADDRESS: "1000" },
    nextAuthPages,
    { logger: createLogger({ level: "warn", destination }) },
  );
  csrf = await nextAuthCsrf(server.baseUrl);
});
afterAll(() => server.stop());

const db = () => server.app.services.database.prisma;
const events = (event: string) => lines.filter((l) => l.log === "security" && l.event === event);

const login = (username: string, password: string) =>
  fetch(`${server.baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookie },
    body: new URLSearchParams({ username, password, csrfToken: csrf.token, json: "true" }).toString(),
  });

describe("security events in the log", () => {
  it("a failed login, then the lockout it causes", async () => {
    await createUser(db(), "guessed", "viewer", "the-right-password");
    for (let i = 0; i < 2; i++) expect((await login("guessed", `wrong-${i}`)).status).toBe(401);
    expect(events("login-failed")).toContainEqual(
      expect.objectContaining({ level: "warn", user: "guessed", address: expect.any(String) }),
    );
    expect(events("login-lockout")).toContainEqual(expect.objectContaining({ scope: "user", key: "guessed" }));
    expect((await login("guessed", "the-right-password")).status).toBe(429);
    expect(events("login-throttled")).toContainEqual(expect.objectContaining({ user: "guessed" }));
  });

  it("a refused origin (CSRF)", async () => {
    const res = await server.request("/api/rest_j/v1/contextservice/createContextID", {
      token: null,
      rawBody: JSON.stringify({ contextID: {} }),
      headers: {
        cookie: await sessionCookie("admin", "admin"),
        "content-type": "application/json",
        origin: "https://evil.example",
      },
    });
    expect(res.status).toBe(403);
    expect(events("csrf-refused")).toContainEqual(
      expect.objectContaining({
        user: "admin",
        method: "POST",
        path: "/api/rest_j/v1/contextservice/createContextID",
        reason: "Origin https://evil.example is not this server",
      }),
    );
  });

  it("a revocation, and the sessions a role change ends", async () => {
    const token = await createToken(db(), "viewer");
    const { id, prefix } = (await db().apiToken.findFirst({ where: { prefix: token.slice(0, 10) } }))!;
    expect((await server.request("/api/v1/tokens/revoke", { body: { id } })).status).toBe(200);
    expect(events("token-revoked")).toContainEqual(expect.objectContaining({ by: "admin", prefixes: [prefix] }));

    await createUser(db(), "promoted", "viewer", "promoted-password");
    const role = await server.request("/api/v1/users/role", { body: { name: "promoted", role: "admin" } });
    expect(role.status).toBe(200);
    expect(events("sessions-ended")).toContainEqual(expect.objectContaining({ user: "promoted", reason: "role" }));
  });
});
