import { afterAll, beforeAll } from "vitest";
import { ContextServiceClient } from "../../client/rest-client.ts";
import { startTestServer, type TestServer } from "./test-server.ts";

/**
 * One real server for the test file (started before its tests, stopped after) and an SDK
 * client holding the admin token: `harness.server`, `harness.client`.
 */
export function withTestServer(env: Record<string, string> = {}) {
  const t = {} as { server: TestServer; client: ContextServiceClient };
  beforeAll(async () => {
    t.server = await startTestServer(env);
    t.client = new ContextServiceClient({ baseUrl: t.server.baseUrl, token: t.server.adminToken });
  });
  afterAll(() => t.server.stop());
  return t;
}
