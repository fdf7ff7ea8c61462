import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createToken } from "../../../server/auth/tokens.ts";
import { openDatabase } from "../../../server/persistence/database.ts";
import { spawnServer, waitForListening, type ServerProcess } from "../../support/spawn-server.ts";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.ts";

/*
 * The real server process with a 96 MiB old generation, written 150 MB of values: more than its
 * heap could hold. It must stay up, evict, and answer every value afterwards from the database.
 */
const HEAP_MIB = 96;
const CONTEXTS = 100;
const VALUES_PER_CONTEXT = 6;
const VALUE_CHARS = 250_000;

let db: TestDatabase;
let proc: ServerProcess | undefined;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  // SIGTERM, not SIGKILL: tsx relays it to the server it runs, which a SIGKILL would orphan.
  if (proc && proc.child.exitCode === null) proc.child.kill("SIGTERM");
  await proc?.exited;
  proc = undefined;
  await db.drop();
});

async function start(env: Record<string, string>) {
  proc = spawnServer({
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: db.dataDir,
    DATABASE_URL: db.url,
    ADMIN_PASSWORD: "admin-password-123",
    AUTH_SECRET: "x".repeat(40),
    NODE_OPTIONS: `--max-old-space-size=${HEAP_MIB}`,
    CACHE_HEAP_SAMPLE_MS: "100",
    ...env,
  });
  const base = await waitForListening(proc);
  const database = await openDatabase(db.url);
  const token = await createToken(database.prisma, "admin").finally(() => database.close());
  const post = async (name: string, body: unknown) => {
    const res = await fetch(`${base}/api/rest_j/v1/contextservice/${name}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { status: number; message: string; data: Record<string, unknown> };
    if (res.status !== 200)
      throw new Error(`${name}: HTTP ${res.status} ${json.message}\n${proc!.output().slice(-2000)}`);
    return json.data;
  };
  const metrics = async () => {
    const res = await fetch(`${base}/api/v1/metrics`, { headers: { authorization: `Bearer ${token}` } });
    return (await res.json()) as {
      cache: {
        contexts: number;
        bytes: number;
        maxBytes: number;
        heap: { limit: number };
        evictions: Record<string, { count: number; bytes: number }>;
        autoClear: { runs: number };
      };
    };
  };
  return { post, metrics };
}

const valueOf = (c: number, v: number) => `${c}.${v}:`.padEnd(VALUE_CHARS, String.fromCharCode(97 + ((c + v) % 26)));
const key = (v: number) => ({ key: `v${v}`, contextType: "DATA", contextScope: "PUBLIC" });

/** Writes every value, then reads every one back and checks it. */
async function writeThenReadAll(post: Awaited<ReturnType<typeof start>>["post"]) {
  const ids: string[] = [];
  for (let c = 0; c < CONTEXTS; c++) {
    const { contextId } = (await post("createContextID", { contextID: { user: "pressure" } })) as { contextId: string };
    ids.push(contextId);
    for (let v = 0; v < VALUES_PER_CONTEXT; v++)
      await post("setValueByKey", { contextID: contextId, contextKey: key(v), contextValue: { value: valueOf(c, v) } });
  }
  let checked = 0;
  for (const [c, contextId] of ids.entries()) {
    for (let v = 0; v < VALUES_PER_CONTEXT; v++) {
      const { contextValue } = (await post("getContextValue", { contextID: contextId, contextKey: key(v) })) as {
        contextValue: { value: string } | null;
      };
      expect(contextValue?.value === valueOf(c, v), `value ${v} of context ${c}`).toBe(true);
      checked++;
    }
  }
  return checked;
}

describe("a server with a small heap, written more than it can hold", () => {
  it("keeps the cache within a small byte budget and answers every value", { timeout: 420_000 }, async () => {
    const { post, metrics } = await start({ CACHE_MAX_BYTES: String(8 * 2 ** 20) });
    expect(await writeThenReadAll(post)).toBe(CONTEXTS * VALUES_PER_CONTEXT);
    const m = (await metrics()).cache;
    expect(m.evictions.bytes!.count).toBeGreaterThan(0);
    expect(m.bytes).toBeLessThanOrEqual(m.maxBytes + (VALUES_PER_CONTEXT + 1) * VALUE_CHARS);
    expect(proc!.child.exitCode).toBeNull();
  });

  it(
    "with a byte budget above the heap, AutoClear evicts under pressure and every value is still answered",
    { timeout: 420_000 },
    async () => {
      const { post, metrics } = await start({ CACHE_MAX_BYTES: String(2 ** 30) });
      expect(await writeThenReadAll(post)).toBe(CONTEXTS * VALUES_PER_CONTEXT);
      const m = (await metrics()).cache;
      expect(m.autoClear.runs).toBeGreaterThan(0);
      expect(m.evictions.pressure!.count).toBeGreaterThan(0);
      expect(m.evictions.bytes!.count).toBe(0);
      // What is still cached fits under the usable heap: the rest went to make room.
      expect(m.bytes).toBeLessThan(m.heap.limit);
      expect(proc!.messages().join("\n")).toMatch(/heap at \d+% of its limit: evicted \d+ contexts/);
      expect(proc!.child.exitCode).toBeNull();
    },
  );
});
