import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../../server/auth/users.ts";
import { expectNoInternals } from "../../support/fuzz/answer-checks.ts";
import { dataSnapshot } from "../../support/fuzz/data-snapshot.ts";
import { fuzzOptions } from "../../support/fuzz/fuzz-options.ts";
import { hostileJson, hostileString, mutated } from "../../support/fuzz/hostile-values.ts";
import { nextAuthCsrf } from "../../support/next-auth-pages.ts";
import type { TestServer } from "../../support/test-server.ts";

/**
 * The dashboard login (next-auth's credentials callback, with the app's authorize() and the
 * server's throttle around it) with hostile credentials, as a form or as JSON (Next's route
 * handler accepts both). No 5xx, nothing of the server's insides in the answer or in the
 * error URL next-auth redirects to, and no stored data changed. Lockouts are set out of
 * reach here: they are tested in security/login-throttle.test.ts.
 */
let server: TestServer;
let csrf: { token: string; cookie: string };

type Login = { body: Record<string, unknown>; as: "form" | "json" };

async function login({ body, as }: Login) {
  const form = () =>
    new URLSearchParams(
      Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : (JSON.stringify(v) ?? "")]),
    ).toString();
  return fetch(`${server.baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": as === "form" ? "application/x-www-form-urlencoded" : "application/json",
      cookie: csrf.cookie,
    },
    body: as === "form" ? form() : JSON.stringify(body),
  });
}

const valid = () => ({ username: "target", password: "right-password", csrfToken: csrf.token, json: "true" });

const logins: fc.Arbitrary<Login> = fc.record({
  body: fc.oneof(
    { weight: 4, arbitrary: fc.constant(null).chain(() => mutated(valid())) },
    {
      weight: 3,
      arbitrary: fc
        .record({ username: fc.oneof(hostileString, fc.constant("target")), password: hostileString })
        .map((c) => ({ ...valid(), ...c })),
    },
    {
      weight: 1,
      arbitrary: fc.record({ username: hostileJson, password: hostileJson }).map((c) => ({ ...valid(), ...c })),
    },
  ),
  as: fc.constantFrom("form", "json"),
});

/** Registers this family's fixtures and properties on the shared fuzz server. */
export function fuzzLogin(shared: { server: TestServer }) {
  beforeAll(async () => {
    server = shared.server;
    await createUser(server.app.services.database.prisma, "target", "viewer", "right-password");
    csrf = await nextAuthCsrf(server.baseUrl);
  });

  describe("fuzz: dashboard login", () => {
    it("logs in with the right credentials (the stand-in runs next-auth for real)", async () => {
      const res = await login({ body: valid(), as: "form" });
      expect(res.status).toBe(200);
      expect(res.headers.getSetCookie().join()).toMatch(/next-auth\.session-token=/);
    });

    it("no 5xx and no internals in the answer or the error URL; nothing stored changes", async () => {
      let refused = 0;
      // A login writes nothing, right or wrong: the data after the whole run is the data before it.
      const before = await dataSnapshot(server);
      await fc.assert(
        fc.asyncProperty(logins, async (attempt) => {
          const res = await login(attempt);
          const text = await res.text();
          const what = `${attempt.as} ${JSON.stringify(attempt.body).slice(0, 300)} → ${res.status} ${text.slice(0, 300)}`;
          expect(res.status, what).toBeLessThan(500);
          // next-auth puts an error's message into the URL it redirects to: read it decoded.
          const decoded = decodeURIComponent(`${text} ${res.headers.get("location") ?? ""}`.replaceAll("+", " "));
          expectNoInternals(decoded, what);
          expect(decoded, what).not.toMatch(/Invalid `|invocation|Argument `\w+`/);
          if (res.status !== 200) refused++;
        }),
        fuzzOptions(15),
      );
      expect(refused).toBeGreaterThan(6);
      expect(await dataSnapshot(server)).toEqual(before);
      expect((await server.request("/api/health", { token: null })).status).toBe(200);
    });
  });
}
