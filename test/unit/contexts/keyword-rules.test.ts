import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deriveKeywords, entryKeywords } from "../../../server/contexts/keywords/derive-keywords.ts";
import { keywordRulesSchema, loadKeywordRules } from "../../../server/contexts/keywords/keyword-rules.ts";

const rules = loadKeywordRules();

// One table of cases: valueType, value, the keywords the rules must find.
const cases: [string | undefined, unknown, string[]][] = [
  ["CSTable", { name: "db.orders", location: "hdfs:///warehouse/orders" }, ["db.orders", "hdfs:///warehouse/orders"]],
  ["CSDB", { name: "sales", owners: "alice,bob" }, ["sales", "alice", "bob"]],
  ["CSFile", { path: "/data/in/report.csv" }, ["report.csv"]],
  ["CSTable", { name: 42 }, ["42"]],
  ["CSTable", { other: "x" }, []],
  ["CSTable", "not an object", []],
  ["Unknown", { name: "x" }, []],
  [undefined, { name: "x" }, []],
];

describe("keyword rules", () => {
  it.each(cases)("%s %j → %j", (valueType, value, expected) => {
    expect(deriveKeywords(rules, valueType, value)).toEqual(expected);
  });

  it("follows dot paths and arrays", () => {
    const custom = keywordRulesSchema.parse({ Job: [{ path: "spec.tags" }, { path: "spec.cmd", regex: "--[a-z]+" }] });
    expect(deriveKeywords(custom, "Job", { spec: { tags: ["etl", "daily"], cmd: "run --fast --dry" } })).toEqual([
      "etl",
      "daily",
      "--fast",
      "--dry",
    ]);
  });

  it("lets the operator extend the rules from a file, and refuses invalid regexes", () => {
    const file = path.join(os.tmpdir(), `rules-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ MyType: [{ path: "id" }] }));
    const merged = loadKeywordRules(file);
    expect(merged.MyType).toEqual([{ path: "id" }]);
    expect(merged.CSTable).toBeDefined();
    expect(keywordRulesSchema.safeParse({ Bad: [{ path: "x", regex: "(a+" }] }).success).toBe(false);
    expect(keywordRulesSchema.safeParse({ Bad: [{ path: "x", regex: "(?<=a)b" }] }).success).toBe(false);
    // RE2 runs nested quantifiers in linear time, so they are no longer refused.
    expect(keywordRulesSchema.safeParse({ Ok: [{ path: "x", regex: "(a+)+" }] }).success).toBe(true);
    expect(keywordRulesSchema.safeParse({ Bad: [{ path: "x", split: ",", regex: "a" }] }).success).toBe(false);
    expect(keywordRulesSchema.safeParse({ Bad: [{ path: "x; drop" }] }).success).toBe(false);
  });

  it("an entry's keywords are its key, the writer's and the derived ones, unique", () => {
    expect(entryKeywords("k", ["a", " k ", "b"], ["b", "c"])).toEqual(["k", "a", "b", "c"]);
  });
});
