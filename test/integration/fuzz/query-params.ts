import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../../server/auth/tokens.ts";
import { createUser } from "../../../server/auth/users.ts";
import { createContext, setValue } from "../../support/dashboard-api.ts";
import { expectSaneAnswer } from "../../support/fuzz/answer-checks.ts";
import { assertRefusalsChangeNothing } from "../../support/fuzz/data-snapshot.ts";
import { encode, encodedValue, hostileCursor, hostileQuery } from "../../support/fuzz/hostile-query.ts";
import {
  EXTREME_DATES,
  hostileNumber,
  hostileString,
  mutated,
  publicIdLike,
} from "../../support/fuzz/hostile-values.ts";
import type { TestServer } from "../../support/test-server.ts";

/**
 * The GET endpoints (dashboard lists with their cursors, the Linkis cleanup search, metrics,
 * listeners, audit, tokens) with hostile query parameters and path ids, and the admin POSTs
 * (`/api/v1/cleanup/jobs`, `/api/v1/tokens/revoke`) with near-miss bodies. Same invariants as
 * the Linkis bodies: no 5xx, the envelope on every error, no internals, nothing changed by a refusal.
 */
let server: TestServer;
let target: { id: string; row: number };
const tokens = { admin: "", viewer: "" };
/** The user the admin bodies change (role, password, tokens), never one the fuzz calls with. */
const FUZZ_USER = "fuzz-user";
/** A token the revoke endpoint may take; made again whenever a revoke succeeds. */
let spare = { id: 0 };

const dates = ["2020-01-01 00:00:00", "2020-01-01T00:00:00Z", ...EXTREME_DATES];
const types = ["DATA", "METADATA", "ENV", "data", ""];

async function newSpare() {
  const db = server.app.services.database.prisma;
  const token = await createToken(db, "viewer");
  spare = (await db.apiToken.findFirst({ where: { prefix: token.slice(0, 10) }, select: { id: true } }))!;
}

/** A started clear runs on after its answer; its audit line is the last thing it writes. */
async function clearAudited(job: number) {
  const audit = server.app.services.database.prisma.auditLog;
  while (!(await audit.findFirst({ where: { detail: `job ${job}` } }))) await new Promise((r) => setTimeout(r, 20));
}

/** GET paths and the query parameters each reads, with plain values it expects. */
const now = Date.now();
const gets = (): { path: () => string; query: Record<string, string[] | fc.Arbitrary<string>> }[] => [
  { path: () => "/api/rest_j/v1/contextservice/getContextID", query: { contextId: [target.id] } },
  {
    path: () => "/api/rest_j/v1/contextservice/searchContextIDByTime",
    query: {
      createTimeStart: dates,
      createTimeEnd: dates,
      updateTimeStart: dates,
      accessTimeEnd: dates,
      pageNow: ["1", "9007199254740991", "400001", "0"],
      pageSize: ["1", "5000", "99999999999"],
    },
  },
  { path: () => "/api/v1/me", query: {} },
  {
    path: () => "/api/v1/contexts",
    query: {
      cursor: hostileCursor(["createTime", "desc", now, 1], ["bytes", "asc", 10, 1]),
      limit: ["1", "500", "501"],
      user: ["fuzz"],
      application: ["app"],
      createdFrom: dates,
      updatedTo: dates,
      accessedFrom: dates,
      sort: ["createTime", "bytes", "accesses", "nope"],
      order: ["asc", "desc"],
    },
  },
  { path: () => `/api/v1/contexts/${encode(target.id)}`, query: {} },
  {
    path: () => `/api/v1/contexts/${encode(target.id)}/entries`,
    query: {
      type: types,
      key: ["orders.table"],
      keyContains: ["orders", "%_\\", "ORD"],
      cursor: hostileCursor(["DATA", "orders.table"]),
      limit: ["1", "2"],
    },
  },
  { path: () => `/api/v1/contexts/${encode(target.id)}/value`, query: { type: types, key: ["orders.table"] } },
  {
    path: () => "/api/v1/search",
    query: {
      q: ["k1", "orders", "rde", "%_\\", '"'],
      match: ["exact", "prefix", "contains"],
      type: types,
      scope: ["PUBLIC"],
      contextId: [target.id],
      cursor: hostileCursor(["DATA", 1], [1]),
      limit: ["1"],
    },
  },
  { path: () => "/api/v1/metrics", query: { top: ["1", "100", "101"] } },
  {
    path: () => "/api/v1/listeners",
    query: { kind: ["live", "heartbeat"], cursor: hostileCursor(["heartbeat", "a"], ["live", "t", "1"]), limit: ["1"] },
  },
  {
    path: () => "/api/v1/audit",
    query: {
      cursor: ["1", "2147483648", "9007199254740991"],
      limit: ["1"],
      action: ["clearAllContextByTime"],
      actor: ["admin"],
      outcome: ["ok", "dry-run", "nope"],
      from: dates,
      to: dates,
    },
  },
  { path: () => "/api/v1/audit/facets", query: {} },
  { path: () => "/api/v1/cleanup/jobs", query: {} },
  { path: () => "/api/v1/tokens", query: {} },
  { path: () => "/api/v1/users", query: {} },
  { path: () => "/api/v1/overview", query: {} },
  { path: () => "/api/v1/nodes", query: {} },
  { path: () => "/api/openapi.json", query: {} },
  { path: () => "/api/v1/metrics/history", query: { range: ["1h", "24h", "1y"], points: ["10", "2000", "9"] } },
];

/** Context ids, in the path or a parameter: near-misses of real ones, rows past the INT column, anything. */
const hostileId = fc.constant(null).chain(() => fc.oneof(publicIdLike.map(encode), encodedValue([target.id])));
const idPaths = fc
  .tuple(
    hostileId,
    fc.constantFrom(
      "/api/v1/contexts/{}",
      "/api/v1/contexts/{}/entries",
      "/api/v1/contexts/{}/value?type=DATA&key=k",
      "/api/rest_j/v1/contextservice/getContextID?contextId={}",
      "/api/v1/search?q=k1&contextId={}",
    ),
  )
  .map(([id, path]) => path.replace("{}", id));

/** Each list with a cursor built from one of its own with a part replaced (NUL, lone surrogate, 1e308...). */
const cursorPaths = fc.constant(null).chain(() =>
  fc.oneof(
    hostileCursor(["createTime", "desc", now, 1], ["updateTime", "asc", now, 1]).map(
      (c) => `/api/v1/contexts?cursor=${c}`,
    ),
    hostileCursor(["bytes", "desc", 10, 1]).map((c) => `/api/v1/contexts?sort=bytes&cursor=${c}`),
    hostileCursor(["DATA", "orders.table"]).map((c) => `/api/v1/contexts/${encode(target.id)}/entries?cursor=${c}`),
    hostileCursor(["DATA", 1]).map((c) => `/api/v1/search?q=k1&cursor=${c}`),
    hostileCursor([1]).map((c) => `/api/v1/search?q=ord&match=contains&cursor=${c}`),
    hostileCursor(["heartbeat", "a"]).map((c) => `/api/v1/listeners?kind=heartbeat&cursor=${c}`),
    hostileCursor(["live", "t", "1"]).map((c) => `/api/v1/listeners?cursor=${c}`),
    fc.oneof(hostileNumber.map(String), hostileString).map((c) => `/api/v1/audit?cursor=${encode(c)}`),
  ),
);

type Call = { method: "GET" | "POST"; path: string; rawBody?: string; token: keyof typeof tokens | "none" };

const token = fc.constantFrom<Call["token"]>("admin", "admin", "admin", "viewer", "none");

const getCalls = (paths: fc.Arbitrary<string>): fc.Arbitrary<Call> =>
  fc.record({ path: paths, token }).map((c) => ({ method: "GET" as const, ...c }));

const queries = fc
  .constant(null)
  .chain(() => fc.constantFrom(...gets()))
  .chain((g) => hostileQuery(g.query).map((q) => g.path() + q));

/** An admin POST: near-misses of a valid body for each admin endpoint. */
const adminPost = (path: string, valid: () => Record<string, unknown>): fc.Arbitrary<Call> =>
  fc
    .constant(null)
    .chain(() => mutated(valid()))
    .map((b) => ({ method: "POST" as const, path, rawBody: JSON.stringify(b), token: "admin" as const }));

const adminBodies: fc.Arbitrary<Call> = fc.oneof(
  // Bounds on two times, so a near-miss that drops or bends one still clears nothing the test uses.
  adminPost("/api/v1/cleanup/jobs", () => ({
    createTimeStart: "2000-01-01 00:00:00",
    createTimeEnd: "2000-01-02 00:00:00",
    updateTimeStart: "2000-01-01 00:00:00",
    updateTimeEnd: "2000-01-02 00:00:00",
  })),
  adminPost("/api/v1/tokens/revoke", () => ({ id: spare.id })),
  adminPost("/api/v1/tokens", () => ({ kind: "user", user: FUZZ_USER, expiresInDays: 1 })),
  adminPost("/api/v1/tokens", () => ({
    kind: "gateway",
    name: "gw",
    users: ["*"],
    hosts: ["10.0.0.1"],
    role: "viewer",
  })),
  adminPost("/api/v1/users", () => ({ name: "new-user", role: "viewer", password: "a-long-enough-password" })),
  adminPost("/api/v1/users/role", () => ({ name: FUZZ_USER, role: "viewer" })),
  adminPost("/api/v1/users/password", () => ({ name: FUZZ_USER })),
);

async function send(call: Call) {
  const res = await server.request(call.path, {
    method: call.method,
    rawBody: call.rawBody,
    headers: call.rawBody === undefined ? {} : { "content-type": "application/json" },
    token: call.token === "none" ? null : tokens[call.token],
  });
  return expectSaneAnswer(res, { method: call.method, path: call.path, body: call.rawBody });
}

/** A revoke the fuzz got right may have hit one of the tokens it calls with: make them again. */
async function renewTokensIfRevoked() {
  const db = server.app.services.database.prisma;
  for (const role of ["admin", "viewer"] as const) {
    if ((await server.request("/api/v1/me", { token: tokens[role] })).status === 401)
      tokens[role] = await createToken(db, role);
  }
  await newSpare();
}

/** The property: every answer sane, and a refused call changes nothing. Answers the refusals. */
const fuzz = (calls: fc.Arbitrary<Call>, numRuns: number) =>
  assertRefusalsChangeNothing(server, calls, {
    numRuns,
    send,
    what: (c) => `${c.method} ${c.path} ${c.rawBody ?? ""}`,
    rowIds: () => [target.row],
    async accepted(call, body) {
      if (call.path === "/api/v1/tokens/revoke") await renewTokensIfRevoked();
      if (call.method === "POST" && call.path === "/api/v1/cleanup/jobs")
        await clearAudited((body as { job: { id: number } }).job.id);
    },
  });

/** The server still answers its health check after the property (nothing hung or crashed). */
const healthy = async () => expect((await server.request("/api/health", { token: null })).status).toBe(200);

/** Registers this family's fixtures and properties on the shared fuzz server. */
export function fuzzQueryParams(shared: { server: TestServer }) {
  beforeAll(async () => {
    server = shared.server;
    tokens.admin = server.adminToken;
    tokens.viewer = server.viewerToken;
    target = await createContext(server, { user: "fuzz", application: "app" });
    await setValue(server, target.id, { key: "orders.table", contextType: "DATA", keywords: ["k1"] }, { value: 1 });
    await newSpare();
    await createUser(server.app.services.database.prisma, FUZZ_USER, "viewer", "fuzz-user-password");
  });

  describe("fuzz: query parameters, path ids and admin bodies (no 5xx, envelope, no internals, refusals change nothing)", () => {
    it("query parameters of every GET endpoint", async () => {
      expect(await fuzz(getCalls(queries), 40)).toBeGreaterThan(10);
      await healthy();
    });

    it("cursors of every list, edited", async () => {
      expect(await fuzz(getCalls(cursorPaths), 30)).toBeGreaterThan(10);
      await healthy();
    });

    it("context ids in paths and parameters", async () => {
      expect(await fuzz(getCalls(idPaths), 30)).toBeGreaterThan(10);
      await healthy();
    });

    it("admin bodies: cleanup jobs, tokens (create, revoke), users (create, role, password)", async () => {
      expect(await fuzz(adminBodies, 30)).toBeGreaterThan(8);
      await healthy();
    });
  });
}
