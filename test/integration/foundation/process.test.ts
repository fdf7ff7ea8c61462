import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../support/test-database.ts";
import { spawnServer, waitForListening } from "../../support/spawn-server.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), "cs-proc-"));
  dirs.push(d);
  return d;
};

describe("the server process", () => {
  it("starts on its database, prints the generated admin password once, and exits 0 on SIGTERM", async () => {
    const db = await createTestDatabase();
    try {
      const proc = spawnServer({
        PORT: "0",
        HOST: "127.0.0.1",
        DATA_DIR: db.dataDir,
        DATABASE_URL: db.url,
        ADMIN_PASSWORD: "",
      });
      const base = await waitForListening(proc);
      expect(proc.messages().join("\n")).toMatch(/created user "admin" with password \S{16,}/);
      const health = await fetch(`${base}/api/health`);
      expect(await health.json()).toMatchObject({ status: "ok", database: "ok" });
      proc.child.kill("SIGTERM");
      expect(await proc.exited).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it("exits non-zero with one clear line when PostgreSQL cannot be reached", async () => {
    const proc = spawnServer({
      PORT: "0",
      DATA_DIR: tempDir(),
      DATABASE_URL: "postgresql://nobody@127.0.0.1:1/nothing",
    });
    expect(await proc.exited).not.toBe(0);
    const lines = proc.messages().filter((l) => !l.startsWith("npm warn"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Cannot reach PostgreSQL at postgresql:\/\/nobody@127\.0\.0\.1:1\/nothing.*DATABASE_URL/);
  });

  it("exits non-zero with one clear line when the data folder is not writable", async () => {
    // Root ignores permission bits, so make the folder impossible instead: its parent is a file.
    const blocker = path.join(tempDir(), "a-file");
    writeFileSync(blocker, "");
    const proc = spawnServer({ PORT: "0", DATA_DIR: path.join(blocker, "cs-cannot-write-here"), DATABASE_URL: "" });
    expect(await proc.exited).not.toBe(0);
    const lines = proc.messages();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cs-cannot-write-here.*(DATA_DIR|AUTH_SECRET)/);
  });

  it("exits non-zero naming the variable when the configuration is invalid", async () => {
    const proc = spawnServer({ PORT: "not-a-port", DATA_DIR: tempDir() });
    expect(await proc.exited).not.toBe(0);
    expect(proc.messages().join("\n")).toMatch(
      /^ContextService cannot start: Invalid environment variable PORT="not-a-port"/,
    );
  });

  it("refuses a DATABASE_URL that is neither SQLite nor PostgreSQL", async () => {
    const proc = spawnServer({ PORT: "0", DATA_DIR: tempDir(), DATABASE_URL: "mysql://x" });
    expect(await proc.exited).not.toBe(0);
    expect(proc.output()).toMatch(/DATABASE_URL.*file:.*postgresql:\/\//);
  });
});
