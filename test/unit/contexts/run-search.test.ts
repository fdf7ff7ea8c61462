import { describe, expect, it, vi } from "vitest";
import { KeyValueContext } from "../../../server/cache/key-value-context.ts";
import { runSearch } from "../../../server/contexts/search/run-search.ts";
import { conditionSchema, searchConditionSchema } from "../../../server/contexts/search/condition-schema.ts";
import { makeEntry } from "../../support/entries.ts";

function context() {
  const kv = new KeyValueContext();
  for (let i = 0; i < 50; i++)
    kv.put(makeEntry(`d${i}`, "DATA", { keywords: [`d${i}`, i % 10 === 0 ? "hot" : "cold"] }));
  kv.put(makeEntry("m1", "METADATA", { keywords: ["m1", "hot"], contextScope: "PRIVATE" }));
  return kv;
}
const keys = (kv: KeyValueContext, c: unknown) =>
  runSearch(kv, conditionSchema.parse(c))
    .map((e) => e.key)
    .sort();

describe("runSearch", () => {
  it("serves a Keyword condition from the index, not by scanning", () => {
    const kv = context();
    const scan = vi.spyOn(kv, "entries");
    expect(keys(kv, { type: "Keyword", keyword: "hot" })).toEqual(["d0", "d10", "d20", "d30", "d40", "m1"]);
    expect(scan).not.toHaveBeenCalled();
  });

  it("narrows an And by keyword and type from the index", () => {
    const kv = context();
    const scan = vi.spyOn(kv, "entries");
    const byKeyword = vi.spyOn(kv, "byKeyword");
    expect(
      keys(kv, {
        type: "And",
        left: { type: "ContextType", contextType: "METADATA" },
        right: { type: "Keyword", keyword: "hot" },
      }),
    ).toEqual(["m1"]);
    expect(byKeyword).toHaveBeenCalledWith("hot", "METADATA");
    expect(scan).not.toHaveBeenCalled();
  });

  it("narrows a ContextType condition to that type's map", () => {
    const kv = context();
    const scan = vi.spyOn(kv, "entries");
    expect(keys(kv, { type: "ContextType", contextType: "METADATA" })).toEqual(["m1"]);
    expect(scan).toHaveBeenCalledWith("METADATA");
  });

  it("scans when nothing narrows (Not, Contains), and still answers right", () => {
    const kv = context();
    expect(keys(kv, { type: "Not", origin: { type: "Keyword", keyword: "cold" } })).toEqual([
      "d0",
      "d10",
      "d20",
      "d30",
      "d40",
      "m1",
    ]);
    expect(
      keys(kv, { type: "Or", left: { type: "Keyword", keyword: "m1" }, right: { type: "Contains", value: "d4" } }),
    ).toEqual(["d4", "d40", "d41", "d42", "d43", "d44", "d45", "d46", "d47", "d48", "d49", "m1"]);
  });

  it("refuses conditions nested past the depth limit", () => {
    let c: unknown = { type: "Keyword", keyword: "x" };
    for (let i = 0; i < 40; i++) c = { type: "Not", origin: c };
    expect(searchConditionSchema.safeParse(c).success).toBe(false);
  });

  it("runs the patterns that froze V8's backtracking engine, over a 1,024-character key", () => {
    const kv = new KeyValueContext();
    kv.put(makeEntry("a".repeat(1024)));
    kv.put(makeEntry("ab\u0000"));
    // Before re2js these took 2^n steps (23 s for 30 characters): the test timed out.
    expect(keys(kv, { type: "Regex", regex: "(.|.)*\\u0000" })).toEqual(["ab\u0000"]);
    expect(keys(kv, { type: "Regex", regex: "(\\w|\\w)*!" })).toEqual([]);
    expect(keys(kv, { type: "Regex", regex: "^(a|a)*$" })).toEqual(["a".repeat(1024)]);
    expect(keys(kv, { type: "Regex", regex: "^(a+)+$" })).toEqual(["a".repeat(1024)]);
  });

  it("stops a search that runs past its budget with a 400 naming the condition", () => {
    const kv = context();
    let clock = 0;
    const now = () => (clock += 60);
    const run = () => runSearch(kv, conditionSchema.parse({ type: "Contains", value: "d" }), { ms: 100, now });
    expect(run).toThrow(/condition: the search ran past its budget of 100 ms/);
    clock = 0;
    expect(runSearch(kv, conditionSchema.parse({ type: "Contains", value: "d" }), { ms: 10_000, now })).toHaveLength(
      50,
    );
  });
});
