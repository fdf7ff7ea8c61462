import { describe, expect, it } from "vitest";
import { KeyValueContext } from "../../../server/cache/key-value-context.ts";
import { makeEntry } from "../../support/entries.ts";

describe("KeyValueContext", () => {
  it("splits entries by type and indexes keywords per type", () => {
    const kv = new KeyValueContext();
    kv.put(makeEntry("a", "DATA", { keywords: ["a", "sales"] }));
    kv.put(makeEntry("b", "ENV", { keywords: ["b", "sales"] }));
    kv.put(makeEntry("a", "ENV", { keywords: ["a"] }));
    expect(kv.size).toBe(3);
    expect([...kv.entries("ENV")].map((e) => e.key).sort()).toEqual(["a", "b"]);
    expect([...kv.byKeyword("sales")].map((e) => `${e.contextType}:${e.key}`).sort()).toEqual(["DATA:a", "ENV:b"]);
    expect([...kv.byKeyword("sales", "DATA")].map((e) => e.key)).toEqual(["a"]);
    expect(kv.countByType()).toEqual({ DATA: 1, ENV: 2 });
  });

  it("re-indexes on update and unindexes on remove", () => {
    const kv = new KeyValueContext();
    kv.put(makeEntry("a", "DATA", { keywords: ["a", "old"] }));
    const previous = kv.put(makeEntry("a", "DATA", { keywords: ["a", "new"] }));
    expect(previous?.keywords).toEqual(["a", "old"]);
    expect([...kv.byKeyword("old")]).toEqual([]);
    expect([...kv.byKeyword("new")].map((e) => e.key)).toEqual(["a"]);
    expect(kv.size).toBe(1);
    expect(kv.remove("DATA", "a")?.key).toBe("a");
    expect(kv.remove("DATA", "a")).toBeUndefined();
    expect([...kv.byKeyword("new")]).toEqual([]);
    expect(kv.size).toBe(0);
    expect(kv.countByType()).toEqual({});
  });

  it("keeps a keyword's keys right as it goes from one key to several and back", () => {
    const kv = new KeyValueContext();
    const keysOf = (w: string) => [...kv.byKeyword(w)].map((e) => e.key).sort();
    for (const k of ["a", "b", "c"]) kv.put(makeEntry(k, "DATA", { keywords: [k, "shared"] }));
    expect(keysOf("shared")).toEqual(["a", "b", "c"]);
    kv.remove("DATA", "b");
    expect(keysOf("shared")).toEqual(["a", "c"]);
    kv.remove("DATA", "a");
    expect(keysOf("shared")).toEqual(["c"]);
    kv.put(makeEntry("d", "DATA", { keywords: ["d", "shared"] }));
    expect(keysOf("shared")).toEqual(["c", "d"]);
    kv.put(makeEntry("c", "DATA", { keywords: ["c"] }));
    expect(keysOf("shared")).toEqual(["d"]);
    expect(keysOf("c")).toEqual(["c"]);
    kv.remove("DATA", "d");
    expect(keysOf("shared")).toEqual([]);
    kv.remove("DATA", "c");
    expect(kv.tableBytes).toBe(0);
  });

  it("keeps one key under several types apart, through three types and back to none", () => {
    const kv = new KeyValueContext();
    const at = (type: "DATA" | "ENV" | "UDF") => kv.get(type, "k")?.keywords;
    kv.put(makeEntry("k", "DATA", { keywords: ["k", "d1"] }));
    expect(at("ENV")).toBeUndefined();
    kv.put(makeEntry("k", "ENV", { keywords: ["k", "e1"] }));
    kv.put(makeEntry("k", "UDF", { keywords: ["k", "u1"] }));
    kv.put(makeEntry("k", "ENV", { keywords: ["k", "e2"] }));
    expect([at("DATA"), at("ENV"), at("UDF")]).toEqual([
      ["k", "d1"],
      ["k", "e2"],
      ["k", "u1"],
    ]);
    expect(kv.size).toBe(3);
    expect([...kv.entries("ENV")].map((e) => e.keywords)).toEqual([["k", "e2"]]);
    expect(kv.countByType()).toEqual({ DATA: 1, ENV: 1, UDF: 1 });
    expect(kv.remove("DATA", "k")?.keywords).toEqual(["k", "d1"]);
    expect(kv.remove("DATA", "k")).toBeUndefined();
    expect(kv.remove("UDF", "k")?.keywords).toEqual(["k", "u1"]);
    expect([at("DATA"), at("ENV"), at("UDF")]).toEqual([undefined, ["k", "e2"], undefined]);
    expect(kv.remove("DATA", "k")).toBeUndefined();
    expect(kv.remove("ENV", "k")?.keywords).toEqual(["k", "e2"]);
    expect(kv.size).toBe(0);
    expect(kv.tableBytes).toBe(0);
  });
});
