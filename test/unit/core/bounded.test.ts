import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { bounded } from "../../../server/core/bounded.ts";
import { createLogger, logger, setLogger } from "../../../server/core/logger.ts";

const previous = logger();
afterEach(() => setLogger(previous));

function captureLog() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  setLogger(createLogger({ level: "info", destination }));
  return lines;
}

describe("bounded", () => {
  it("answers true as soon as the step finishes, logging nothing", async () => {
    const lines = captureLog();
    await expect(bounded("quick", Promise.resolve(), 60_000)).resolves.toBe(true);
    expect(lines).toEqual([]);
  });

  it("stops waiting for a step that never finishes, and names it in a warning", async () => {
    const lines = captureLog();
    const hung = new Promise(() => undefined);
    await expect(bounded("database.close", hung, 50)).resolves.toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual([
      expect.objectContaining({ level: "warn", component: "shutdown", step: "database.close", waitedMs: 50 }),
    ]);
  });
});
