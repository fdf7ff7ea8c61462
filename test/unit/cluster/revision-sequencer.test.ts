import { describe, expect, it } from "vitest";
import { RevisionSequencer, type ReadMissing, type StartOf } from "../../../server/cluster/revision-sequencer.ts";
import type { ChangeEvent } from "../../../server/core/context-types.ts";

const ev = (contextId: string, revision: number): ChangeEvent => ({
  contextId,
  revision,
  op: "updated",
  contextType: "DATA",
  key: "k",
  value: revision,
  time: new Date(0),
});

/** A change log holding every revision of every context up to 100. */
const fullLog: ReadMissing = async (publicId, after, before) =>
  Array.from({ length: before - after - 1 }, (_, i) => ev(publicId, after + 1 + i));

/** By default every context started after this node: each of its revisions is to be handed on. */
function harness(readMissing: ReadMissing = fullLog, startOf: StartOf = async () => 0) {
  const delivered: [string, number][] = [];
  const reads: [string, number, number][] = [];
  const seq = new RevisionSequencer(
    (events) => events.forEach((e) => delivered.push([e.contextId, e.revision])),
    (id, after, before) => {
      reads.push([id, after, before]);
      return readMissing(id, after, before);
    },
    startOf,
  );
  const settled = async () => {
    while (seq.repairing > 0) await new Promise((r) => setImmediate(r));
  };
  return { seq, delivered, reads, settled };
}

describe("RevisionSequencer", () => {
  it("hands on in-order events at once, in the caller's turn, and drops repeats", () => {
    const { seq, delivered, reads } = harness();
    seq.offer([ev("a", 1), ev("b", 1)]);
    seq.offer([ev("a", 2), ev("a", 2), ev("b", 2)]);
    seq.offer([ev("a", 1)]);
    expect(delivered).toEqual([
      ["a", 1],
      ["b", 1],
      ["a", 2],
      ["b", 2],
    ]);
    expect(reads).toEqual([]);
  });

  it("starts a context first heard of past revision 1 where the log says, so an earlier revision still on its way is not lost", async () => {
    const asked: [string, number][] = [];
    const { seq, delivered, reads, settled } = harness(fullLog, async (id, before) => {
      asked.push([id, before]);
      // Revisions up to 4 were handed on before (or predate this node).
      return 4;
    });
    seq.offer([ev("a", 7)]);
    // Heard while the start is being decided: waits behind it.
    seq.offer([ev("a", 8)]);
    await settled();
    seq.offer([ev("a", 3), ev("a", 6), ev("a", 9)]);
    expect(delivered.map(([, r]) => r)).toEqual([5, 6, 7, 8, 9]);
    expect(asked).toEqual([["a", 7]]);
    expect(reads).toEqual([["a", 4, 7]]);
  });

  it("drops what the log says was handed on already", async () => {
    const { seq, delivered, settled } = harness(fullLog, async () => 6);
    seq.offer([ev("a", 5), ev("a", 6), ev("a", 7)]);
    await settled();
    expect(delivered.map(([, r]) => r)).toEqual([7]);
  });

  it("fills a gap from the change log, in order, and drops the stream's late copy of what it read", async () => {
    const { seq, delivered, reads, settled } = harness(fullLog, async () => 4);
    seq.offer([ev("a", 5)]);
    seq.offer([ev("a", 8)]);
    // Arrives while the repair reads: waits behind it.
    seq.offer([ev("a", 9)]);
    await settled();
    seq.offer([ev("a", 6), ev("a", 7), ev("a", 10)]);
    expect(delivered.map(([, r]) => r)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(reads).toEqual([["a", 5, 8]]);
  });

  it("keeps other contexts flowing while one is repaired", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { seq, delivered, settled } = harness(async (id, after, before) => {
      await gate;
      return fullLog(id, after, before);
    });
    seq.offer([ev("a", 1), ev("a", 3), ev("b", 1), ev("b", 2)]);
    expect(delivered).toEqual([
      ["a", 1],
      ["b", 1],
      ["b", 2],
    ]);
    release();
    await settled();
    expect(delivered.slice(3)).toEqual([
      ["a", 2],
      ["a", 3],
    ]);
  });

  it("goes on past revisions the log no longer keeps", async () => {
    const { seq, delivered, settled } = harness(async () => []);
    seq.offer([ev("a", 1), ev("a", 4), ev("a", 5)]);
    await settled();
    expect(delivered.map(([, r]) => r)).toEqual([1, 4, 5]);
  });

  it("reads a long gap a page at a time", async () => {
    const { seq, delivered, reads, settled } = harness(async (id, after, before) =>
      fullLog(id, after, Math.min(before, after + 3)),
    );
    seq.offer([ev("a", 1), ev("a", 9)]);
    await settled();
    expect(delivered.map(([, r]) => r)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(reads.map(([, after]) => after)).toEqual([1, 3, 5, 7]);
  });
});
