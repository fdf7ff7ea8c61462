import { describe, expect, it } from "vitest";
import { badStringIn } from "../../../server/core/json-guards.ts";

describe("badStringIn", () => {
  it("finds nothing in clean values", () => {
    expect(badStringIn({ a: [1, "x", { b: null }], c: true }, "body")).toBeNull();
  });

  it("names the path of the refused string: top-level fields bare, nested ones dotted, array items by index", () => {
    expect(badStringIn({ key: "a\u0000" }, "body")).toBe(
      "key: contains a NUL character (\\u0000), which is not accepted",
    );
    expect(badStringIn({ a: { b: ["ok", "\ud800"] } }, "body")).toBe(
      "a.b.1: contains a lone UTF-16 surrogate, which is not valid Unicode",
    );
    expect(badStringIn(["\u0000"], "body")).toBe("body.0: contains a NUL character (\\u0000), which is not accepted");
    expect(badStringIn({ v: "\u0000" }, "text")).toBe(
      "text.v: contains a NUL character (\\u0000), which is not accepted",
    );
  });

  it("says when the refused string is a field's name, even a name holding a colon", () => {
    expect(badStringIn({ "a:b": { "\u0000": 1 } }, "body")).toBe(
      "a:b (a field name): contains a NUL character (\\u0000), which is not accepted",
    );
  });
});
