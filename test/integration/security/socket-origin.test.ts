import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../server/core/logger.ts";
import { sessionCookie } from "../../support/session-cookie.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

/**
 * Cross-site WebSocket hijacking: a browser sends the session cookie with a WebSocket any site
 * opens, and the Same-Origin Policy does not guard WebSockets, so the server must look at the
 * handshake's Origin. Before, every one of these handshakes connected and could subscribe.
 */
let server: TestServer;
const lines: Record<string, unknown>[] = [];
beforeAll(async () => {
  const destination = { write: (text: string) => void lines.push(JSON.parse(text) as Record<string, unknown>) };
  server = await startTestServer({}, undefined, { logger: createLogger({ level: "warn", destination }) });
});
afterAll(() => server.stop());

/** Opens /events with these handshake headers (and token, if given); answers "connected" or the refusal. */
function handshake(headers: Record<string, string>, token?: string): Promise<string> {
  const socket = io(`${server.baseUrl}/events`, {
    transports: ["websocket"],
    reconnection: false,
    extraHeaders: headers,
    ...(token && { auth: { token } }),
  });
  return new Promise((resolve) => {
    socket.once("connect", () => {
      // Connected: prove it is usable, as an attacker's page would use it.
      socket.emit("subscribe", {}, (ack: { subscriptionId?: string; error?: string }) => {
        socket.close();
        resolve(ack.subscriptionId ? "connected" : `subscribe refused: ${ack.error}`);
      });
    });
    socket.once("connect_error", (err) => {
      socket.close();
      resolve(err.message);
    });
  });
}

describe("socket.io handshakes with a session cookie", () => {
  it("are refused from a foreign Origin, a cross-site fetch, or with no origin at all", async () => {
    const cookie = await sessionCookie("admin", "admin");
    for (const headers of <Record<string, string>[]>[
      { cookie, origin: "https://evil.example" },
      { cookie, origin: "null" },
      { cookie, origin: `${server.baseUrl}.evil.example` },
      { cookie, origin: server.baseUrl, "sec-fetch-site": "cross-site" },
      { cookie },
    ])
      expect(await handshake(headers), JSON.stringify(headers.origin ?? null)).toMatch(
        /^Cross-site socket.io connection refused/,
      );
    // Each refusal is a security event in the log, for alerting.
    expect(lines.filter((l) => l.log === "security" && l.event === "socket-refused")).toEqual(
      Array(5).fill(expect.objectContaining({ level: "warn", user: "admin", reason: expect.any(String) })),
    );
  });

  it("connect from this server's own origin", async () => {
    const cookie = await sessionCookie("viewer", "viewer");
    expect(await handshake({ cookie, origin: server.baseUrl })).toBe("connected");
    expect(await handshake({ cookie, "sec-fetch-site": "same-origin" })).toBe("connected");
  });
});

describe("socket.io handshakes with a token", () => {
  it("are not affected by the Origin, even with a cookie beside the token", async () => {
    const cookie = await sessionCookie("admin", "admin");
    expect(await handshake({ origin: "https://elsewhere.example" }, server.viewerToken)).toBe("connected");
    expect(await handshake({ cookie, origin: "https://elsewhere.example" }, server.adminToken)).toBe("connected");
    expect(await handshake({ origin: "https://elsewhere.example", authorization: `Bearer ${server.adminToken}` })).toBe(
      "connected",
    );
  });
});
