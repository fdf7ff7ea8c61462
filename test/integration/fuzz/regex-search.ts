import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createContext, setValue } from "../../support/dashboard-api.ts";
import { expectSaneAnswer } from "../../support/fuzz/answer-checks.ts";
import { fuzzOptions } from "../../support/fuzz/fuzz-options.ts";
import { CATASTROPHIC_REGEXES, hostileString } from "../../support/fuzz/hostile-values.ts";
import type { TestServer } from "../../support/test-server.ts";

/**
 * The catastrophic-backtracking family, generated: `(X|X)*Y`, `(X+)+Y` and their anchored and
 * nested forms, against one context holding 1,024-character keys (and the 30-character
 * one). On a backtracking engine each costs 2^n steps in the key's length, so one search held
 * the event loop for hours and every other request waited behind it.
 *
 * No wall-clock threshold is asserted (a loaded machine would make one flaky). What is
 * asserted: each search returns a sane answer (200, or 400 naming `condition` when the search
 * budget ran out), and /api/health, sent while the search is in flight, answers 200. A
 * backtracking engine would not return within the test's timeout at all: the gap is 2^1024
 * steps against a linear scan, not a matter of a few seconds either way.
 */
let server: TestServer;
let target: { id: string; row: number };

const atom = fc.constantFrom(".", "\\w", "a", "a+", "\\d", "[a-z]", "[^!]", "x1_", "(a|aa)", "\\S");
const tail = fc.constantFrom("\\u0000", "!", "$", "\\x00", "b", "");
/** The family: alternation of the same thing under a star, nested quantifiers, with and without anchors. */
const catastrophic = fc.oneof(
  fc.constantFrom(...CATASTROPHIC_REGEXES),
  fc
    .record({
      x: atom,
      y: tail,
      shape: fc.constantFrom("(X|X)*Y", "(X+)+Y", "(X*)*Y", "(X|X?)+Y", "((X|X)*)*Y", "(X|XX)+Y"),
      anchor: fc.boolean(),
    })
    .map(({ x, y, shape, anchor }) => (anchor ? "^" : "") + shape.replaceAll("X", x).replace("Y", y)),
);

/** Where a regex sits in a condition: alone, under Not/And/Or, or inside Linkis's Nearest. */
const conditions = fc
  .record({
    regex: fc.oneof({ weight: 4, arbitrary: catastrophic }, { weight: 1, arbitrary: hostileString }),
    wrap: fc.nat(3),
  })
  .map(({ regex, wrap }) => {
    const r = { type: "Regex", regex };
    return [
      r,
      { type: "Not", origin: r },
      { type: "Or", left: { type: "Contains", value: "zzz" }, right: { type: "And", left: r, right: r } },
      { type: "Nearest", origin: r, currentNode: null, number: 10, upstreamOnly: false },
    ][wrap];
  });

/** Registers this family's fixtures and properties on the shared fuzz server. */
export function fuzzRegexSearch(shared: { server: TestServer }) {
  beforeAll(async () => {
    server = shared.server;
    target = await createContext(server, { user: "fuzz" });
    const keys = ["a".repeat(1024), `${"a".repeat(1023)}!`, `${"x1_".repeat(341)}z`, "a".repeat(30), "orders.table"];
    for (const key of keys)
      await setValue(server, target.id, { key, contextType: "DATA", keywords: [key.slice(0, 256)] }, { value: 1 });
  });

  describe("fuzz: the catastrophic-regex family on long keys", () => {
    it("every search returns (200, or 400 naming condition), and /api/health answers while it runs", async () => {
      await fc.assert(
        fc.asyncProperty(conditions, async (condition) => {
          const path = "/api/rest_j/v1/contextservice/searchContextValue";
          const body = { contextID: target.id, condition };
          const search = server.request(path, { body });
          const health = server.request("/api/health", { token: null });
          const [res, healthRes] = await Promise.all([search, health]);
          const { status, body: answer } = await expectSaneAnswer(res, {
            method: "POST",
            path,
            body: JSON.stringify(body),
          });
          if (status !== 200) expect((answer as { message: string }).message).toMatch(/^condition/);
          expect(healthRes.status).toBe(200);
        }),
        fuzzOptions(20),
      );
    });
  });
}
