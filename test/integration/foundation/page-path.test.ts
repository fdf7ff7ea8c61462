import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PAGE_PATH_HEADER } from "../../../lib/auth/page-path.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
const seen: (string | string[] | undefined)[] = [];
beforeAll(async () => {
  // Stands in for Next: records the path header each page request arrived with.
  server = await startTestServer({}, async (req: IncomingMessage, res: ServerResponse) => {
    seen.push(req.headers[PAGE_PATH_HEADER]);
    res.end("page");
  });
});
afterAll(() => server.stop());

it("tells a page the path it was asked for, whatever the client sent in that header", async () => {
  const res = await server.request("/contexts/8-8--cs_1_devcs_1_dev1?type=DATA", {
    token: null,
    headers: { [PAGE_PATH_HEADER]: "//example.org/phish" },
  });
  expect(res.status).toBe(200);
  expect(seen).toEqual(["/contexts/8-8--cs_1_devcs_1_dev1?type=DATA"]);
});
