import http from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.ts";
import { spawnServer, waitForListening, type ServerProcess } from "../../support/spawn-server.ts";
import { createToken } from "../../../server/auth/tokens.ts";
import { openDatabase } from "../../../server/persistence/database.ts";

let db: TestDatabase;
let proc: ServerProcess | undefined;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  if (proc && proc.child.exitCode === null) proc.child.kill("SIGKILL");
  await proc?.exited;
  await db.drop();
});

const env = () => ({
  PORT: "0",
  HOST: "127.0.0.1",
  DATA_DIR: db.dataDir,
  DATABASE_URL: db.url,
  ADMIN_PASSWORD: "admin-password-123",
  AUTH_SECRET: "x".repeat(40),
});

async function adminToken() {
  const database = await openDatabase(db.url);
  try {
    return await createToken(database.prisma, "admin");
  } finally {
    await database.close();
  }
}

async function call(base: string, token: string, name: string, body: unknown) {
  const res = await fetch(`${base}/api/rest_j/v1/contextservice/${name}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { http: res.status, ...(await res.json()) };
}

describe("durability and shutdown", () => {
  it("loses no acknowledged write when the process is killed", async () => {
    proc = spawnServer(env());
    let base = await waitForListening(proc);
    const token = await adminToken();
    const { data } = await call(base, token, "createContextID", { contextID: { user: "u" } });
    const acked: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = w; i < 200; i += 8) {
          const r = await call(base, token, "setValueByKey", {
            contextID: data.contextId,
            contextKey: { key: `k${i}`, contextType: "DATA", contextScope: "PUBLIC" },
            contextValue: { value: i },
          });
          if (r.http === 200) acked.push(i);
        }
      }),
    );
    proc.child.kill("SIGKILL");
    await proc.exited;

    proc = spawnServer(env());
    base = await waitForListening(proc);
    expect(acked).toHaveLength(200);
    for (const i of acked) {
      const r = await call(base, token, "getContextValue", {
        contextID: data.contextId,
        contextKey: { key: `k${i}`, contextType: "DATA" },
      });
      expect(r.data.contextValue?.value).toBe(i);
    }
  });

  it("finishes an in-flight request on SIGTERM, then exits 0", async () => {
    proc = spawnServer(env());
    const base = await waitForListening(proc);
    const token = await adminToken();
    const { data } = await call(base, token, "createContextID", { contextID: {} });
    const body = JSON.stringify({
      contextID: data.contextId,
      contextKey: { key: "late", contextType: "DATA", contextScope: "PUBLIC" },
      contextValue: { value: "arrived" },
    });
    const { port } = new URL(base);
    // Send half the body, signal the server, then send the rest: the request must still complete.
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/rest_j/v1/contextservice/setValueByKey",
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = "";
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 20));
      setTimeout(() => {
        proc!.child.kill("SIGTERM");
        setTimeout(() => req.end(body.slice(20)), 300);
      }, 200);
    });
    const res = await answer;
    expect(res.status).toBe(200);
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toMatch(/SIGTERM: finishing in-flight requests/);

    const database = await openDatabase(db.url);
    try {
      const row = await database.prisma.contextEntry.findFirst({ where: { key: "late" } });
      expect(JSON.parse(row!.valueJson)).toBe("arrived");
    } finally {
      await database.close();
    }
  });
});
