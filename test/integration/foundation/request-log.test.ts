import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../server/core/logger.ts";
import { connectEvents, waitUntil } from "../../support/live.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

type Line = Record<string, unknown>;

// A real server whose logger writes into this array instead of stdout, at info so request lines show.
const lines: Line[] = [];
let server: TestServer;
beforeAll(async () => {
  const destination = { write: (text: string) => void lines.push(JSON.parse(text) as Line) };
  server = await startTestServer({}, undefined, { logger: createLogger({ level: "info", destination }) });
});
afterAll(() => server.stop());

/** The request line written for the response that carried this X-Request-Id. */
async function requestLine(res: Response): Promise<Line> {
  const reqId = res.headers.get("x-request-id");
  expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
  const find = () => lines.find((l) => l.reqId === reqId && l.msg === "request");
  await waitUntil(() => find() !== undefined, `the log line of request ${reqId}`);
  return find()!;
}

describe("structured logging", () => {
  it("writes one JSON line per API request with level, time, request id, route, status and duration", async () => {
    const res = await server.request("/api/v1/me");
    expect(res.status).toBe(200);
    const line = await requestLine(res);
    expect(line).toMatchObject({ level: "info", method: "GET", route: "/api/v1/me", status: 200, user: "admin" });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
    expect(line.durationMs).toBeTypeOf("number");
    expect(line.durationMs as number).toBeGreaterThanOrEqual(0);
  });

  it("names the route pattern, not the path, and logs refusals with their status", async () => {
    const missing = await server.request("/api/v1/contexts/no-such-context");
    expect(await requestLine(missing)).toMatchObject({ route: "/api/v1/contexts/:id", status: missing.status });
    const bad = await server.request("/api/rest_j/v1/contextservice/createContextID", { rawBody: "{not json" });
    expect(bad.status).toBe(400);
    expect(await requestLine(bad)).toMatchObject({
      route: "/api/rest_j/v1/contextservice/createContextID",
      status: 400,
    });
    const unknown = await server.request("/api/v1/nothing-here");
    expect(unknown.status).toBe(404);
    expect(await requestLine(unknown)).toMatchObject({ route: null, path: "/api/v1/nothing-here", status: 404 });
  });

  it("gives each request its own id", async () => {
    const [a, b] = await Promise.all([server.request("/api/health"), server.request("/api/health")]);
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
    expect((await requestLine(a)).route).toBe("/api/health");
    expect((await requestLine(b)).route).toBe("/api/health");
  });

  it("names each socket by its id when it connects and disconnects", async () => {
    const { socket } = await connectEvents(server.baseUrl, server.viewerToken);
    const socketId = socket.id;
    await waitUntil(() => lines.some((l) => l.socketId === socketId && l.msg === "socket connected"), "connect line");
    socket.disconnect();
    await waitUntil(() => lines.some((l) => l.socketId === socketId && l.msg === "socket disconnected"), "disconnect");
    expect(lines.find((l) => l.socketId === socketId)).toMatchObject({ level: "info", user: "viewer" });
  });
});
