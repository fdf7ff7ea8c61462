import { afterAll, beforeAll } from "vitest";
import { nextAuthPages } from "../../support/next-auth-pages.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";
import { fuzzCookieOrigins } from "./cookie-origins.ts";
import { fuzzLinkisBodies } from "./linkis-bodies.ts";
import { fuzzLogin } from "./login.ts";
import { fuzzQueryParams } from "./query-params.ts";
import { fuzzRegexSearch } from "./regex-search.ts";
import { fuzzSocketPayloads } from "./socket-payloads.ts";

/**
 * The fuzz suite (issue 14): property-based, fixed seeds (support/fuzz/fuzz-options.ts),
 * against one real server for all families, so the suite pays for one server start and one
 * module load. Each family makes its own contexts and runs in turn; the query family last,
 * since the revocations it fuzzes may hit tokens (it renews its own).
 *
 * The server: listener clients and access times out of the way of the "refusals change
 * nothing" snapshots, lockouts out of reach of the login fuzz (login-throttle.test.ts tests
 * them), next-auth's real handler on /api/auth/*.
 */
const shared = {} as { server: TestServer };
beforeAll(async () => {
  shared.server = await startTestServer(
    {
      LISTENER_HEARTBEAT_TIMEOUT_MS: "3600000",
      ACCESS_TIME_FLUSH_MS: "3600000",
      LOGIN_MAX_FAILURES_PER_USER: "1000000",
      LOGIN_MAX_FAILURES_PER_ADDRESS: "1000000",
    },
    nextAuthPages,
  );
});
afterAll(() => shared.server?.stop());

fuzzLinkisBodies(shared);
fuzzSocketPayloads(shared);
fuzzRegexSearch(shared);
fuzzCookieOrigins(shared);
fuzzLogin(shared);
fuzzQueryParams(shared);
