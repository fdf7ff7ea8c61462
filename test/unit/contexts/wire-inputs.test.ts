import { describe, expect, it } from "vitest";
import { parseDateText } from "../../../server/core/date-input.ts";
import { keywordsInput } from "../../../server/contexts/wire/keywords-input.ts";
import { contextValueInput } from "../../../server/contexts/wire/context-value-input.ts";
import { contextKeyInput } from "../../../server/contexts/wire/context-key-input.ts";

describe("times in requests", () => {
  it("reads yyyy-MM-dd HH:mm:ss in local time and ISO 8601", () => {
    expect(parseDateText("2026-03-04 05:06:07")!.getTime()).toBe(new Date(2026, 2, 4, 5, 6, 7).getTime());
    expect(parseDateText("2026-03-04T05:06:07Z")!.toISOString()).toBe("2026-03-04T05:06:07.000Z");
    expect(parseDateText("2026-03-04T05:06:07.123+02:00")!.toISOString()).toBe("2026-03-04T03:06:07.123Z");
  });

  it.each([
    "2026-02-30 10:00:00",
    "2026-13-01 00:00:00",
    "yesterday",
    "2026/01/01 00:00:00",
    "2026-01-01 25:00:00",
    "",
  ])("refuses %j", (text) => {
    expect(parseDateText(text)).toBeNull();
  });
});

describe("keywords", () => {
  it("accepts an array or a comma-separated string, trimmed and unique", () => {
    expect(keywordsInput.parse(" a, b ,,a ")).toEqual(["a", "b"]);
    expect(keywordsInput.parse(["x", 3, "x"])).toEqual(["x", "3"]);
    expect(keywordsInput.parse(undefined)).toEqual([]);
    expect(keywordsInput.parse(null)).toEqual([]);
  });
  it("refuses too many or too long keywords", () => {
    expect(keywordsInput.safeParse(Array.from({ length: 101 }, (_, i) => `k${i}`)).success).toBe(false);
    expect(keywordsInput.safeParse(["x".repeat(257)]).success).toBe(false);
  });
});

describe("Linkis-serialized keys and values", () => {
  it("unwraps a serialized key and defaults the scope", () => {
    const text = JSON.stringify({
      type: "commonContextKey",
      value: JSON.stringify({ key: "k", contextType: "ENV", keywords: "a,b" }),
    });
    expect(contextKeyInput.parse(text)).toEqual({
      key: "k",
      contextType: "ENV",
      contextScope: "PUBLIC",
      keywords: ["a", "b"],
    });
  });
  it("refuses a serialized key of another type", () => {
    const text = JSON.stringify({ type: "contextValue", value: "{}" });
    expect(contextKeyInput.safeParse(text).success).toBe(false);
  });
  it("unwraps a serialized value whose value is itself serialized, taking its type as valueType", () => {
    const inner = JSON.stringify({
      type: "org.apache.linkis.cs.common.entity.metadata.CSTable",
      value: JSON.stringify({ name: "t" }),
    });
    const text = JSON.stringify({ type: "contextValue", value: JSON.stringify({ value: inner, keywords: "" }) });
    expect(contextValueInput.parse(text)).toEqual({ value: { name: "t" }, keywords: [], valueType: "CSTable" });
  });
  it("leaves plain strings and objects that merely have a type field alone", () => {
    expect(contextValueInput.parse({ value: "{not json" })).toEqual({
      value: "{not json",
      keywords: [],
      valueType: undefined,
    });
    expect(contextValueInput.parse({ value: { type: "x", value: 1, other: 2 } }).value).toEqual({
      type: "x",
      value: 1,
      other: 2,
    });
  });
});
