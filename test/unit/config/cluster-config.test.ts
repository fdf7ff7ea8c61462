import os from "node:os";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../server/config/env.ts";

const pg = "postgresql://u@127.0.0.1:5432/db";
const secret = "s".repeat(40);

describe("cluster mode settings", () => {
  it("is off without REDIS_URL", () => {
    expect(loadConfig({ DATABASE_URL: pg, AUTH_SECRET: secret }).cluster).toBe(false);
  });

  it("names the node after the host and port and the cluster contextservice by default", () => {
    const config = loadConfig({ DATABASE_URL: pg, AUTH_SECRET: secret, REDIS_URL: "redis://r:6379", PORT: "3001" });
    expect(config).toMatchObject({ cluster: true, nodeId: `${os.hostname()}:3001`, CLUSTER_NAME: "contextservice" });
  });

  it("tells apart nodes on one host that bind a free port (PORT=0) by their pid", () => {
    const config = loadConfig({ DATABASE_URL: pg, AUTH_SECRET: secret, REDIS_URL: "redis://r:6379", PORT: "0" });
    expect(config.nodeId).toBe(`${os.hostname()}:pid${process.pid}`);
  });

  it("refuses SQLite with one line", () => {
    expect(() => loadConfig({ DATABASE_URL: "file:/tmp/x.db", AUTH_SECRET: secret, REDIS_URL: "redis://r" })).toThrow(
      /^REDIS_URL \(cluster mode\) needs DATABASE_URL=postgresql:\/\/…: SQLite serves one process only\.$/,
    );
  });

  it("needs one AUTH_SECRET for every node, and checks the names it puts in Redis keys", () => {
    expect(() => loadConfig({ DATABASE_URL: pg, REDIS_URL: "redis://r" })).toThrow(/AUTH_SECRET/);
    expect(() => loadConfig({ DATABASE_URL: pg, AUTH_SECRET: secret, REDIS_URL: "http://r" })).toThrow(/REDIS_URL/);
    expect(() =>
      loadConfig({ DATABASE_URL: pg, AUTH_SECRET: secret, REDIS_URL: "redis://r", CLUSTER_NAME: "a b" }),
    ).toThrow(/CLUSTER_NAME/);
  });

  it("runs CLUSTER_WORKERS > 1 only in cluster mode, and announces less often than nodes time out", () => {
    expect(() => loadConfig({ DATABASE_URL: pg, AUTH_SECRET: secret, CLUSTER_WORKERS: "2" })).toThrow(
      /^CLUSTER_WORKERS > 1 needs cluster mode: REDIS_URL and DATABASE_URL=postgresql:\/\/…/,
    );
    expect(
      loadConfig({ DATABASE_URL: pg, AUTH_SECRET: secret, REDIS_URL: "redis://r", CLUSTER_WORKERS: "2" }),
    ).toMatchObject({ CLUSTER_WORKERS: 2 });
    expect(() =>
      loadConfig({
        DATABASE_URL: pg,
        AUTH_SECRET: secret,
        CLUSTER_ANNOUNCE_MS: "5000",
        CLUSTER_NODE_TIMEOUT_MS: "5000",
      }),
    ).toThrow(/CLUSTER_NODE_TIMEOUT_MS/);
  });
});
