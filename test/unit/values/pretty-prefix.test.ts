import { describe, expect, it } from "vitest";
import { prettyPrefix } from "../../../components/values/pretty-prefix.ts";

const samples: unknown[] = [
  { a: 1, b: [1, 2, { c: "x,y:{z}" }], d: {}, e: [], f: null, g: 'q"uo\\te' },
  [[], {}, [[1]], "]", "\\"],
  "plain",
  42,
];

describe("prettyPrefix", () => {
  it("lays out whole JSON exactly as JSON.stringify(value, null, 2) does", () => {
    for (const v of samples) expect(prettyPrefix(JSON.stringify(v))).toBe(JSON.stringify(v, null, 2));
  });

  it("lays out every cut of a value as the head of its pretty form", () => {
    const v = samples[0];
    const text = JSON.stringify(v);
    const pretty = JSON.stringify(v, null, 2);
    for (let cut = 0; cut <= text.length; cut++) {
      // A cut between an opening bracket and its empty close is laid out once the close arrives.
      const head = prettyPrefix(text.slice(0, cut)).trimEnd();
      expect(pretty.startsWith(head), `cut at ${cut}: ${head}`).toBe(true);
    }
  });
});
