import { describe, expect, it } from "vitest";
import { decodeEvents, encodeEvents } from "../../../server/cluster/stream-codec.ts";
import type { ChangeEvent } from "../../../server/core/context-types.ts";
import { makeEntry } from "../../support/entries.ts";

describe("the change stream's codec", () => {
  it("carries events and their whole entries across, dates as dates, user strings as they were", () => {
    const entry = makeEntry("k", "DATA", {
      value: { when: "2020-01-01T00:00:00.000Z", n: 1 },
      valueText: '{"when":"2020-01-01T00:00:00.000Z","n":1.0}',
      revision: 7,
      createTime: new Date("2021-02-03T04:05:06.000Z"),
      updateTime: new Date("2022-02-03T04:05:06.000Z"),
    });
    const events: ChangeEvent[] = [
      {
        contextId: "1-1--ab3",
        revision: 7,
        op: "updated",
        contextType: "DATA",
        key: "k",
        value: entry.value,
        time: new Date(1000),
        entry,
      },
      {
        contextId: "1-1--ab3",
        revision: 8,
        op: "context-cleared",
        contextType: null,
        key: null,
        value: null,
        time: new Date(2000),
      },
    ];
    const text = encodeEvents(events);
    // A written value travels once, inside its entry.
    expect(text.split('"when"').length - 1).toBe(1);
    expect(decodeEvents(text)).toEqual(events);
  });
});
