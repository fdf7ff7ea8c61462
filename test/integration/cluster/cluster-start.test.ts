import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawnServer } from "../../support/spawn-server.ts";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.ts";

let testDb: TestDatabase;
beforeEach(async () => {
  testDb = await createTestDatabase("postgres");
});
afterEach(() => testDb.drop());

describe("starting a cluster node", () => {
  it("exits non-zero with one clear line when Redis cannot be reached", async () => {
    const proc = spawnServer({
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: testDb.dataDir,
      DATABASE_URL: testDb.url,
      AUTH_SECRET: "c".repeat(40),
      ADMIN_PASSWORD: "admin-password-123",
      // Port 1: nothing listens there.
      REDIS_URL: "redis://127.0.0.1:1",
    });
    expect(await proc.exited).not.toBe(0);
    expect(proc.messages()).toEqual([
      expect.stringMatching(/^ContextService cannot start: cannot reach Redis at REDIS_URL \(.*ECONNREFUSED/),
    ]);
  });
});
