import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createContext, setValue } from "../../support/dashboard-api.ts";
import { expectSaneAnswer } from "../../support/fuzz/answer-checks.ts";
import { assertRefusalsChangeNothing } from "../../support/fuzz/data-snapshot.ts";
import {
  deepJsonText,
  hostileJson,
  hostileString,
  mutated,
  mutatedAt,
  publicIdLike,
} from "../../support/fuzz/hostile-values.ts";
import type { TestServer } from "../../support/test-server.ts";

/**
 * Every Linkis POST endpoint gets near-misses of a valid body (one field replaced by a hostile
 * value, dropped, or joined by a stranger), hostile values deep inside, whole arbitrary JSON
 * and raw text. Every answer keeps the invariants (no 5xx, the envelope, no internals), and a
 * refused request changes nothing stored or cached.
 */
let server: TestServer;
let target: { id: string; row: number };
/** Destructive endpoints act on this one; it is made again when one of them succeeds. */
let scratch: { id: string; row: number };

const key = { key: "orders.table", contextType: "METADATA", contextScope: "PUBLIC" };
const value = { value: { rows: 1 }, keywords: ["a", "b"] };
const history = { source: "job-1", contextType: "DATA", keyword: "k", historyJson: "{}" };

/** A valid body per endpoint, and the nested fields worth replacing one by one. */
const endpoints: {
  name: string;
  body: () => Record<string, unknown>;
  nested?: string[][];
  destructive?: boolean;
}[] = [
  {
    name: "createContextID",
    body: () => ({ contextID: { user: "u", application: "a", source: "s", expireType: "NEVER" } }),
    nested: [
      ["contextID", "user"],
      ["contextID", "expireTime"],
      ["contextID", "expireType"],
    ],
  },
  { name: "updateContextID", body: () => ({ contextID: { contextId: target.id, user: "fuzz" } }) },
  { name: "resetContextID", body: () => ({ contextID: scratch.id }), destructive: true },
  { name: "removeContextID", body: () => ({ contextID: scratch.id }), destructive: true },
  {
    name: "getContextValue",
    body: () => ({ contextID: target.id, contextKey: key }),
    nested: [
      ["contextKey", "key"],
      ["contextKey", "contextType"],
      ["contextID", "contextId"],
    ],
  },
  {
    name: "searchContextValue",
    body: () => ({ contextID: target.id, condition: { type: "Regex", regex: "^orders" } }),
    nested: [
      ["condition", "regex"],
      ["condition", "type"],
      ["condition", "left"],
      ["condition", "origin"],
    ],
  },
  {
    name: "setValueByKey",
    body: () => ({ contextID: target.id, contextKey: key, contextValue: value }),
    nested: [
      ["contextKey", "key"],
      ["contextKey", "keywords"],
      ["contextValue", "value"],
      ["contextValue", "valueType"],
      ["contextValue", "keywords"],
    ],
  },
  {
    name: "setValue",
    body: () => ({ contextID: target.id, contextKeyValue: { contextKey: key, contextValue: value } }),
    nested: [
      ["contextKeyValue", "contextKey"],
      ["contextKeyValue", "contextValue"],
    ],
  },
  { name: "resetValue", body: () => ({ contextID: target.id, contextKey: key }), nested: [["contextKey", "key"]] },
  { name: "removeValue", body: () => ({ contextID: scratch.id, contextKey: key }), destructive: true },
  { name: "removeAllValue", body: () => ({ contextID: scratch.id }), destructive: true },
  {
    name: "removeAllValueByKeyPrefixAndContextType",
    body: () => ({ contextID: scratch.id, contextKeyType: "DATA", keyPrefix: "a" }),
    destructive: true,
  },
  { name: "removeAllValueByKeyPrefix", body: () => ({ contextID: scratch.id, keyPrefix: "a" }), destructive: true },
  {
    name: "removeAllValueByKeyAndContextType",
    body: () => ({ contextID: scratch.id, contextKeyType: "DATA", contextKey: "a" }),
    destructive: true,
  },
  {
    name: "onBindIDListener",
    body: () => ({ contextID: target.id, source: "fuzz-listener" }),
  },
  {
    name: "onBindKeyListener",
    body: () => ({ contextID: target.id, contextKey: key, source: "fuzz-listener" }),
    nested: [["contextKey", "key"]],
  },
  { name: "heartbeat", body: () => ({ source: "fuzz-listener" }) },
  {
    name: "createHistory",
    body: () => ({ contextID: target.id, contextHistory: history }),
    nested: [
      ["contextHistory", "source"],
      ["contextHistory", "historyJson"],
      ["contextHistory", "keyword"],
    ],
  },
  { name: "removeHistory", body: () => ({ contextID: scratch.id, contextHistory: { source: "job-1" } }) },
  { name: "getHistories", body: () => ({ contextID: target.id }) },
  { name: "getHistory", body: () => ({ contextID: target.id, source: "job-1" }) },
  { name: "searchHistory", body: () => ({ contextID: target.id, keywords: ["k"] }), nested: [["keywords"]] },
  { name: "clearAllContextByID", body: () => ({ idList: [scratch.id] }), nested: [["idList"]], destructive: true },
  {
    name: "clearAllContextByTime",
    body: () => ({ createTimeStart: "2000-01-01 00:00:00", createTimeEnd: "2000-01-02 00:00:00", dryRun: true }),
  },
];

type Request = { name: string; rawBody: string; token: "admin" | "viewer" | "none" | "bad" };

const bodyFor = (e: (typeof endpoints)[number]): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .constant(null)
        .chain(() => mutated(e.body()))
        .map((b) => JSON.stringify(b)),
    },
    {
      weight: e.nested ? 4 : 0,
      arbitrary: fc
        .constantFrom(...(e.nested ?? [["x"]]))
        .chain((path) => mutatedAt(e.body(), path))
        .map((b) => JSON.stringify(b)),
    },
    { weight: 1, arbitrary: hostileJson.map((b) => JSON.stringify(b)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "{",
        "",
        "null",
        "[]",
        '"text"',
        "1e999",
        deepJsonText(4500, "array"),
        `{"contextID":${deepJsonText(70, "object")}}`,
        `{"contextID":"x","contextValue":{"value":${deepJsonText(65, "array")}}}`,
        '{"contextID":"\\ud800"}',
        '{"source":"a\\u0000b"}',
      ),
    },
  );

const token = fc.constantFrom<Request["token"]>("admin", "admin", "admin", "admin", "admin", "viewer", "none", "bad");

const requests: fc.Arbitrary<Request> = fc
  .constantFrom(...endpoints)
  .chain((e) => fc.record({ name: fc.constant(e.name), rawBody: bodyFor(e), token }));

/** Where a request names a context: as the id string, inside an object, or Linkis-serialized. */
const idForms = (id: string): unknown[] => [
  id,
  { contextId: id },
  JSON.stringify({
    type: "HAContextID",
    value: JSON.stringify({ contextId: id, instance: null, backupInstance: null }),
  }),
];

/** Every endpoint with its context id (or clear's id list) replaced by a near-miss of a real one. */
const idRequests: fc.Arbitrary<Request> = fc
  .constant(null)
  .chain(() =>
    fc.record({
      e: fc.constantFrom(...endpoints.filter((e) => "contextID" in e.body() || "idList" in e.body())),
      id: fc.oneof(publicIdLike, hostileString),
      form: fc.nat(2),
    }),
  )
  .map(({ e, id, form }) => {
    const body = e.body();
    if ("idList" in body) body.idList = [id];
    else body.contextID = idForms(id)[form];
    return { name: e.name, rawBody: JSON.stringify(body), token: "admin" as const };
  });

async function send({ name, rawBody, token }: Request) {
  const path = `/api/rest_j/v1/contextservice/${name}`;
  const res = await server.request(path, {
    rawBody,
    headers: { "content-type": "application/json" },
    token:
      token === "admin" ? server.adminToken : token === "viewer" ? server.viewerToken : token === "bad" ? "x" : null,
  });
  return expectSaneAnswer(res, { method: "POST", path, body: rawBody });
}

/** The property: every answer sane, and a refused request changes nothing. Answers the refusals. */
const fuzz = (requests: fc.Arbitrary<Request>, numRuns: number) =>
  assertRefusalsChangeNothing(server, requests, {
    numRuns,
    send,
    what: (r) => `${r.name} ${r.rawBody}`,
    rowIds: () => [target.row, scratch.row],
    async accepted(r) {
      if (endpoints.find((e) => e.name === r.name)?.destructive)
        scratch = await createContext(server, { user: "fuzz" });
    },
  });

const healthy = async () => expect((await server.request("/api/health", { token: null })).status).toBe(200);

/** Registers this family's fixtures and properties on the shared fuzz server. */
export function fuzzLinkisBodies(shared: { server: TestServer }) {
  beforeAll(async () => {
    server = shared.server;
    target = await createContext(server, { user: "fuzz", application: "app" });
    scratch = await createContext(server, { user: "fuzz" });
    await setValue(server, target.id, { key: "a".repeat(1024), contextType: "DATA" }, { value: "long key" });
    await setValue(server, target.id, { key: "orders.table", contextType: "METADATA", keywords: ["k1"] }, { value: 1 });
    const bind = await server.linkis("onBindIDListener", { contextID: target.id, source: "fuzz-listener" });
    expect(bind.http).toBe(200);
  });

  describe("fuzz: Linkis POST bodies (no 5xx, envelope, no internals, refusals change nothing)", () => {
    it("near-misses of every endpoint's body, hostile values inside, arbitrary JSON and raw text", async () => {
      expect(await fuzz(requests, 60)).toBeGreaterThan(20);
      await healthy();
    });

    it("context ids: near-misses of real ones, rows past the INT column, in every form", async () => {
      expect(await fuzz(idRequests, 30)).toBeGreaterThan(15);
      await healthy();
    });
  });
}
