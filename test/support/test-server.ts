import { createApp, type App, type AppOptions } from "../../server/app.ts";
import { createUser } from "../../server/auth/users.ts";
import { createToken } from "../../server/auth/tokens.ts";
import { loadConfig } from "../../server/config/env.ts";
import { TEST_AUTH_SECRET } from "./session-cookie.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export const ADMIN_PASSWORD = "admin-password-for-tests";

/** A real server on a random loopback port, over a fresh database, with admin and viewer tokens. */
export interface TestServer {
  app: App;
  baseUrl: string;
  database: TestDatabase;
  adminToken: string;
  viewerToken: string;
  /** fetch against the server; `token` defaults to the admin token, `null` sends none. */
  request(
    path: string,
    init?: {
      method?: string;
      body?: unknown;
      rawBody?: string;
      token?: string | null;
      headers?: Record<string, string>;
    },
  ): Promise<Response>;
  /** POST a Linkis endpoint by name and return HTTP status and the parsed envelope. */
  linkis<T = Record<string, unknown>>(
    name: string,
    body?: unknown,
    token?: string | null,
  ): Promise<{ http: number; status: number; message: string; data: T }>;
  stop(): Promise<void>;
}

export async function startTestServer(
  env: Record<string, string> = {},
  /** Stands in for Next.js on non-API paths (tests of what the server does around the pages). */
  pages?: Parameters<typeof createApp>[1],
  options?: AppOptions,
): Promise<TestServer> {
  const database = await createTestDatabase();
  const config = loadConfig({
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    ADMIN_PASSWORD,
    AUTH_SECRET: TEST_AUTH_SECRET,
    // warn: a line per request would bury the test report; errors and security events still show.
    // LOG_LEVEL=info (or debug) in the test run's environment shows everything.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    ...env,
  });
  const app = await createApp(config, pages, options);
  const port = await app.listen(0, "127.0.0.1");
  const baseUrl = `http://127.0.0.1:${port}`;
  const db = app.services.database.prisma;
  await createUser(db, "viewer", "viewer", "viewer-password-for-tests");
  const adminToken = await createToken(db, "admin");
  const viewerToken = await createToken(db, "viewer");

  const request: TestServer["request"] = (path, init = {}) => {
    const token = init.token === undefined ? adminToken : init.token;
    const headers: Record<string, string> = { ...init.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = init.rawBody;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers["content-type"] = "application/json";
    }
    return fetch(baseUrl + path, { method: init.method ?? (body !== undefined ? "POST" : "GET"), headers, body });
  };

  return {
    app,
    baseUrl,
    database,
    adminToken,
    viewerToken,
    request,
    async linkis(name, body = {}, token) {
      const res = await request(`/api/rest_j/v1/contextservice/${name}`, { body, token });
      const json = await res.json();
      return { http: res.status, ...json };
    },
    async stop() {
      await app.close();
      await database.drop();
    },
  };
}
