import fc from "fast-check";
import { io } from "socket.io-client";
import { beforeAll, describe, expect, it } from "vitest";
import { expectSaneAnswer } from "../../support/fuzz/answer-checks.ts";
import { RefusalCheck } from "../../support/fuzz/data-snapshot.ts";
import { fuzzOptions } from "../../support/fuzz/fuzz-options.ts";
import { hostileString } from "../../support/fuzz/hostile-values.ts";
import { sessionCookie } from "../../support/session-cookie.ts";
import type { TestServer } from "../../support/test-server.ts";

/**
 * A dashboard session cookie with every mix of Content-Type, Origin and Sec-Fetch-Site a
 * browser (or a forger) could send, on a write and on a socket.io handshake. The rule
 * (docs/API.md, "Sessions and CSRF") is the oracle: a write needs JSON and this server's
 * origin, a socket needs the origin; everything else is refused and changes nothing.
 */
let server: TestServer;
let cookie: string;

type Headers = { type?: string; origin?: string; site?: string };

const headerSets = fc.record(
  {
    type: fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/jsonx",
    ),
    origin: fc.oneof(
      fc.constantFrom("own", "https://evil.example", "null", "own.evil.example", "http://127.0.0.1", "https://own"),
      // As a header value: printable ASCII, no surrounding blanks (clients trim or drop those).
      hostileString.filter((s) => /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(s)),
    ),
    site: fc.constantFrom("same-origin", "same-site", "cross-site", "none"),
  },
  { requiredKeys: [] },
);

/** The server's own origin stands in for "own" (its port is known only once it runs). */
const resolve = (h: Headers) => ({
  ...h,
  origin: h.origin
    ?.replace(/^own/, server.baseUrl)
    .replace(/^https:\/\/own$/, server.baseUrl.replace("http:", "https:")),
});

const sameOrigin = (h: Headers) =>
  (h.site === undefined || h.site === "same-origin") &&
  (h.origin === undefined
    ? h.site === "same-origin"
    : h.origin === server.baseUrl || h.origin === server.baseUrl.replace("http:", "https:"));
const isJson = (h: Headers) => h.type?.split(";")[0]!.trim().toLowerCase() === "application/json";

const httpHeaders = (h: Headers) => ({
  cookie,
  ...(h.type !== undefined && { "content-type": h.type }),
  ...(h.origin !== undefined && { origin: h.origin }),
  ...(h.site !== undefined && { "sec-fetch-site": h.site }),
});

/** Registers this family's fixtures and properties on the shared fuzz server. */
export function fuzzCookieOrigins(shared: { server: TestServer }) {
  beforeAll(async () => {
    server = shared.server;
    cookie = await sessionCookie("admin", "admin");
  });

  describe("fuzz: a session cookie with any Content-Type, Origin and Sec-Fetch-Site", () => {
    it("a write is accepted only as JSON from this server's origin; a refusal changes nothing", async () => {
      const unchanged = new RefusalCheck(server);
      await fc.assert(
        fc.asyncProperty(headerSets, async (raw) => {
          const h = resolve(raw);
          await unchanged.before();
          const path = "/api/rest_j/v1/contextservice/createContextID";
          const res = await server.request(path, {
            token: null,
            rawBody: JSON.stringify({ contextID: { user: "cookie-fuzz" } }),
            headers: httpHeaders(h),
          });
          const { status } = await expectSaneAnswer(res, { method: "POST", path, body: JSON.stringify(h) });
          expect(status, JSON.stringify(h)).toBe(isJson(h) && sameOrigin(h) ? 200 : 403);
          if (status === 200) unchanged.accepted();
          else await unchanged.refused(JSON.stringify(h));
        }),
        fuzzOptions(25),
      );
    });

    it("a socket.io handshake connects only from this server's origin", async () => {
      await fc.assert(
        fc.asyncProperty(headerSets, async (raw) => {
          const h = resolve(raw);
          const socket = io(`${server.baseUrl}/events`, {
            transports: ["websocket"],
            reconnection: false,
            extraHeaders: httpHeaders({ ...h, type: undefined }),
          });
          const outcome = await new Promise<string>((done) => {
            socket.once("connect", () => done("connected"));
            socket.once("connect_error", (err) => done(err.message));
          });
          socket.close();
          if (sameOrigin(h)) expect(outcome, JSON.stringify(h)).toBe("connected");
          else expect(outcome, JSON.stringify(h)).toMatch(/^Cross-site socket.io connection refused/);
        }),
        fuzzOptions(15),
      );
    });
  });
}
