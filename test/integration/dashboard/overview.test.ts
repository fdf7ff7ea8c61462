import { afterEach, describe, expect, it } from "vitest";
import { logger } from "../../../server/core/logger.ts";
import { waitUntil } from "../../support/live.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

interface Overview {
  contexts: { count: number; estimated: boolean };
  entries: { count: number; estimated: boolean };
  cache: { contexts: number; hitRatio: number | null; hits: number };
  listeners: { live: number; lagged: number; heartbeat: number };
  cleanups: { action: string; status: string; total: number; actor: string }[] | null;
  problems: { level: string; msg: string; error?: string; about?: string }[] | null;
  version: string;
}

let server: TestServer | undefined;
afterEach(() => server?.stop());

const overview = async (s: TestServer, token = s.adminToken) => {
  const res = await s.request("/api/v1/overview", { token });
  expect(res.status).toBe(200);
  return (await res.json()) as Overview;
};

describe("GET /api/v1/overview", () => {
  it("on a new server: nothing counted, and no hit ratio (null, not 0) before any lookup", async () => {
    server = await startTestServer();
    const o = await overview(server);
    expect(o.contexts).toEqual({ count: 0, estimated: false });
    expect(o.entries).toEqual({ count: 0, estimated: false });
    expect(o.cache.hitRatio).toBeNull();
    expect(o.listeners).toEqual({ live: 0, lagged: 0, heartbeat: 0 });
    expect(o.cleanups).toEqual([]);
  });

  it("counts a small database afresh within seconds, not after half a minute", async () => {
    server = await startTestServer();
    expect((await overview(server)).contexts.count).toBe(0);
    await server.linkis("createContextID", { contextID: { user: "ov-fresh" } });
    // The counts of a few rows take a millisecond to make, so they are kept about a second.
    await waitUntil(async () => (await overview(server!)).contexts.count === 1, "the new context counted");
  });

  it("counts contexts and entries, shows the cache, listeners and the latest clears (to admins only)", async () => {
    server = await startTestServer();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { data } = await server.linkis<{ contextId: string }>("createContextID", { contextID: { user: "ov" } });
      ids.push(data.contextId);
      for (let k = 0; k < 2; k++)
        await server.linkis("setValueByKey", {
          contextID: data.contextId,
          contextKey: { key: `k${k}`, contextType: "DATA", contextScope: "PUBLIC" },
          contextValue: { value: "v" },
        });
    }
    await server.linkis("getContextValue", { contextID: ids[0], contextKey: { key: "k0", contextType: "DATA" } });
    await server.linkis("onBindIDListener", { contextID: ids[0], source: "overview-client" });
    const cleared = await server.linkis("clearAllContextByID", { idList: [ids[2]] });
    expect(cleared.status).toBe(0);

    const o = await overview(server);
    expect(o.contexts).toEqual({ count: 2, estimated: false });
    expect(o.entries).toEqual({ count: 4, estimated: false });
    expect(o.cache.contexts).toBeGreaterThanOrEqual(1);
    expect(o.cache.hitRatio).toBeGreaterThan(0);
    expect(o.listeners.heartbeat).toBe(1);
    expect(o.cleanups?.[0]).toMatchObject({ action: "clearAllContextByID", status: "done", total: 1, actor: "admin" });

    // An error the process logs shows in the overview (the server runs in this process: same logger).
    logger().error({ component: "overview-test", err: new Error("disk on fire") }, "something broke");
    const withProblem = await overview(server);
    expect(withProblem.problems?.[0]).toMatchObject({
      level: "error",
      msg: "something broke",
      error: "disk on fire",
      about: "overview-test",
    });

    // A viewer sees the figures, not who cleared what, nor the log.
    const asViewer = await overview(server, server.viewerToken);
    expect(asViewer.contexts.count).toBe(2);
    expect(asViewer.cleanups).toBeNull();
    expect(asViewer.problems).toBeNull();
  });
});
