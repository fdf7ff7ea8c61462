import { describe, expect, it } from "vitest";
import { KeyValueContext } from "../../../server/cache/key-value-context.ts";
import { searchConditionSchema } from "../../../server/contexts/search/condition-schema.ts";
import { nodeOf } from "../../../server/contexts/search/nearest.ts";
import { runSearch } from "../../../server/contexts/search/run-search.ts";
import { gsonString, hashMapOrder, javaHashCode } from "../../../server/contexts/wire/linkis/gson.ts";
import { valueTypesFor } from "../../../server/contexts/wire/linkis/linkis-types.ts";
import { makeEntry } from "../../support/entries.ts";

describe("Gson text as Linkis writes it", () => {
  it("hashes like java.lang.String", () => {
    expect(javaHashCode("")).toBe(0);
    expect(javaHashCode("hello")).toBe(99162322);
    expect(javaHashCode("polygenelubricants")).toBe(-2147483648);
  });

  it("orders map keys as java.util.HashMap iterates them (the orders seen in the capture)", () => {
    expect(hashMapOrder(["type", "value"])).toEqual(["type", "value"]);
    expect(hashMapOrder(["key", "value"])).toEqual(["value", "key"]);
    expect(hashMapOrder(["keywords", "value"])).toEqual(["keywords", "value"]);
    expect(hashMapOrder(["source", "contextType", "resource"])).toEqual(["resource", "contextType", "source"]);
  });

  it("escapes the way Gson's HTML-safe writer does", () => {
    expect(gsonString(`a"b\\c\n<=>&'\u2028\u0001`)).toBe(
      `"a\\"b\\\\c\\n\\u003c\\u003d\\u003e\\u0026\\u0027\\u2028\\u0001"`,
    );
  });
});

describe("ContextValueType names", () => {
  it("maps Java classes and interfaces to the value types that are instances of them", () => {
    expect(valueTypesFor("org.apache.linkis.cs.common.entity.metadata.CSTable")).toEqual(new Set(["CSTable"]));
    expect(valueTypesFor("org.apache.linkis.cs.common.entity.resource.BMLResource")).toContain("linkisBMLResource");
    expect(valueTypesFor("org.apache.linkis.cs.common.entity.object.CommonProperty")).toContain("LinkisVariable");
    expect(valueTypesFor("LinkisBMLResource")).toContain("linkisBMLResource");
    expect(valueTypesFor("CSTable")).toEqual(new Set(["CSTable"]));
    expect(valueTypesFor("java.lang.Object")).toBe("any");
  });
});

describe("Nearest", () => {
  // sql_1 → sql_2 → sql_3, and sql_4 off on its own.
  const flow = makeEntry("flow.infos", "OBJECT", {
    valueType: "CSFlowInfos",
    value: {
      infos: {
        edges: [
          { source: "id1", target: "id2" },
          { source: "id2", target: "id3" },
        ],
        id_nodeName: { id1: "sql_1", id2: "sql_2", id3: "sql_3", id4: "sql_4" },
      },
    },
  });
  const kv = new KeyValueContext();
  kv.put(flow);
  for (const key of [
    "node.sql_3.table.t3",
    "flow.variable.x",
    "node.sql_4.table.t4",
    "node.sql_1.table.t1",
    "node.sql_2.table.t2",
  ])
    kv.put(makeEntry(key, "METADATA"));
  const search = (c: Record<string, unknown>) =>
    runSearch(
      kv,
      searchConditionSchema.parse({
        type: "Nearest",
        origin: { type: "ContextType", contextType: "METADATA" },
        number: 100,
        upstreamOnly: false,
        ...c,
      }),
    ).map((e) => e.key);

  it("reads a key's node as Linkis does", () => {
    expect(nodeOf("node.sql_1.table.t")).toBe("sql_1");
    expect(nodeOf("flow.variable.x")).toBeNull();
    expect(nodeOf("node.sql_1")).toBeNull();
  });

  it("ranks by distance in either direction; keys with no node or path last, in their order", () => {
    expect(search({ currentNode: "flow1.sql_2" })).toEqual([
      "node.sql_2.table.t2",
      "node.sql_3.table.t3",
      "node.sql_1.table.t1",
      "flow.variable.x",
      "node.sql_4.table.t4",
    ]);
  });

  it("upstreamOnly keeps the current node, its upstream nodes by distance, and keys without a node", () => {
    expect(search({ currentNode: "sql_3", upstreamOnly: true })).toEqual([
      "node.sql_3.table.t3",
      "node.sql_2.table.t2",
      "node.sql_1.table.t1",
      "flow.variable.x",
    ]);
    expect(search({ currentNode: "sql_3", upstreamOnly: true, number: 2 })).toEqual([
      "node.sql_3.table.t3",
      "node.sql_2.table.t2",
    ]);
  });

  it("null currentNode: no ranking; null origin: every entry; no flow.infos with a node: nothing", () => {
    expect(search({ currentNode: null, number: 2 })).toEqual(["node.sql_3.table.t3", "flow.variable.x"]);
    expect(search({ currentNode: null, origin: null })).toHaveLength(6);
    const bare = new KeyValueContext();
    bare.put(makeEntry("node.sql_1.table.t1", "METADATA"));
    expect(
      runSearch(bare, searchConditionSchema.parse({ type: "Nearest", origin: null, currentNode: "sql_1", number: 5 })),
    ).toEqual([]);
  });
});
