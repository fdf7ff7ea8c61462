import { describe, expect, it, vi } from "vitest";
import { AccessTimeRecorder } from "../../../server/contexts/access-time-recorder.ts";
import { KeyedMutex } from "../../../server/contexts/keyed-mutex.ts";

describe("AccessTimeRecorder", () => {
  it("writes each read context at most once per interval, in one batch", async () => {
    vi.useFakeTimers();
    try {
      const writes: number[][] = [];
      const recorder = new AccessTimeRecorder(async (ids) => void writes.push(ids), 60_000);
      recorder.start();
      for (let i = 0; i < 100; i++) recorder.record(i % 3);
      expect(writes).toEqual([]);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(writes).toEqual([[0, 1, 2]]);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(writes).toHaveLength(1); // nothing read: nothing written
      recorder.record(5);
      await recorder.stop();
      expect(writes).toEqual([[0, 1, 2], [5]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps what failed to write for the next flush", async () => {
    let fail = true;
    const writes: number[][] = [];
    const recorder = new AccessTimeRecorder(async (ids) => {
      if (fail) throw new Error("db down");
      writes.push(ids);
    }, 1000);
    recorder.record(1);
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    await recorder.flush();
    spy.mockRestore();
    fail = false;
    await recorder.flush();
    expect(writes).toEqual([[1]]);
  });
});

describe("KeyedMutex", () => {
  it("runs work for one key in order and other keys alongside", async () => {
    const mutex = new KeyedMutex<string>();
    const log: string[] = [];
    const step = (key: string, name: string, ms: number) =>
      mutex.run(key, async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
      });
    await Promise.all([step("a", "a1", 20), step("a", "a2", 1), step("b", "b1", 1)]);
    expect(log.indexOf("end a1")).toBeLessThan(log.indexOf("start a2"));
    expect(log.indexOf("start b1")).toBeLessThan(log.indexOf("end a1"));
    expect(mutex.busy).toBe(0);
  });

  it("releases the key when work throws", async () => {
    const mutex = new KeyedMutex<number>();
    await expect(mutex.run(1, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await mutex.run(1, async () => "next")).toBe("next");
  });
});
