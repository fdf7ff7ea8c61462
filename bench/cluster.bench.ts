/**
 * Issue 13's benchmark, two parts, on PostgreSQL (TEST_DATABASE_URL) and Redis (REDIS_URL,
 * default the machine's), each node a real server process (bench/lib/node-process.ts).
 *
 * 1. Delivery across nodes: nodes A and B, one live subscriber on B (socket.io, websocket)
 *    subscribed to CONTEXTS contexts. Writes (`setValueByKey`) alternate between A and B,
 *    paced open-loop at BENCH_CLUSTER_RATE per second (default 100) for BENCH_CLUSTER_WRITES
 *    writes (default 3000). Latency = the event's arrival at the subscriber − the moment the
 *    write was sent, both on this process's clock. A's writes reach B through the Redis change
 *    stream; B's are the same delivery within one node, in the same run. Goal: cross-node p99
 *    ≤ 2 × single-node p99.
 * 2. Cached reads with CLUSTER_WORKERS=1 and =2 (the read bench's `getContextValue` over 32
 *    keep-alive connections, 100 contexts × 10 keys, every one cached), alternating rounds
 *    (BENCH_CLUSTER_ROUNDS, default 3, of BENCH_CLUSTER_ROUND_MS, default 5000). CPU per read
 *    is the server's (the process and its workers, from /proc) and the load generator's (this
 *    process): on 2 cores the generator takes a share the workers would otherwise use.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { Redis } from "ioredis";
import { io } from "socket.io-client";
import { createToken } from "../server/auth/tokens.ts";
import { openDatabase } from "../server/persistence/database.ts";
import { createTestDatabase } from "../test/support/test-database.ts";
import { median, note, noteLoad, printFigure, sig3 } from "./lib/figures.ts";
import { HttpLoad, postRequest } from "./lib/http-load.ts";
import { LatencyHistogram } from "./lib/latency-histogram.ts";
import { startNodeProcess, type NodeProcess } from "./lib/node-process.ts";
import { pace } from "./lib/pacer.ts";
import { randomInt, seededRandom } from "./lib/prng.ts";

const bench = "cluster";
const RATE = Number(process.env.BENCH_CLUSTER_RATE ?? 100);
const WRITES = Number(process.env.BENCH_CLUSTER_WRITES ?? 3000);
const ROUNDS = Number(process.env.BENCH_CLUSTER_ROUNDS ?? 3);
const ROUND_MS = Number(process.env.BENCH_CLUSTER_ROUND_MS ?? 5000);
const CONTEXTS = 20;
const READ_CONTEXTS = 100;
const READ_KEYS = 10;
const CONNECTIONS = 32;
const REST = "/api/rest_j/v1/contextservice/";

// Skipped, not failed, so `npm run bench` over every bench still passes without PostgreSQL.
if (!process.env.TEST_DATABASE_URL) {
  note("cluster bench skipped: set TEST_DATABASE_URL=postgresql://… (cluster mode runs on PostgreSQL only)");
  process.exit(0);
}
noteLoad("start");
const database = await createTestDatabase("postgres");
const clusterName = `cs-bench-${randomUUID()}`;
const common = {
  DATABASE_URL: database.url,
  DATA_DIR: database.dataDir,
  ADMIN_PASSWORD: "bench-password-123",
  AUTH_SECRET: "b".repeat(40),
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  CLUSTER_NAME: clusterName,
};
const started: NodeProcess[] = [];
const start = async (env: Record<string, string>) => {
  const node = await startNodeProcess({ ...common, ...env });
  started.push(node);
  return node;
};

let token = "";
const call = async (node: NodeProcess, name: string, body: unknown) => {
  const res = await fetch(`${node.baseUrl}${REST}${name}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${text}`);
  return JSON.parse(text) as { data: Record<string, unknown> };
};
const createContexts = async (node: NodeProcess, n: number) => {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push((await call(node, "createContextID", { contextID: { user: "bench" } })).data.contextId as string);
  return ids;
};

/** Part 1: write on A or B, event at B's subscriber. */
async function delivery() {
  // A first (it migrates and creates the admin), then B.
  const a = await start({ NODE_ID: "a" });
  const b = await start({ NODE_ID: "b" });
  const db = await openDatabase(database.url);
  token = await createToken(db.prisma, "admin").finally(() => db.close());
  const contexts = await createContexts(a, CONTEXTS);

  const sentAt = new Float64Array(WRITES);
  const latency = { cross: new LatencyHistogram(), local: new LatencyHistogram() };
  let received = 0;
  let outOfOrder = 0;
  const lastRevision = new Map<string, number>();
  const socket = io(`${b.baseUrl}/events`, { auth: { token }, transports: ["websocket"], reconnection: false });
  socket.on("event", (e: { contextId: string; revision: number; value: { seq: number } }) => {
    const now = performance.now();
    const seq = e.value.seq;
    (seq % 2 === 0 ? latency.cross : latency.local).record(now - sentAt[seq]!);
    if (e.revision !== (lastRevision.get(e.contextId) ?? e.revision - 1) + 1) outOfOrder++;
    lastRevision.set(e.contextId, e.revision);
    received++;
  });
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("connect_error", reject));
  const ack = await socket.emitWithAck("subscribe", { filter: { contextIds: contexts } });
  if (!ack.subscriptionId) throw new Error(`subscribe: ${JSON.stringify(ack)}`);

  // Even slots write on A (the event crosses to B), odd slots on B (it stays there).
  let failed = 0;
  const paced = await pace(RATE, WRITES, (seq) => {
    sentAt[seq] = performance.now();
    call(seq % 2 === 0 ? a : b, "setValueByKey", {
      contextID: contexts[seq % CONTEXTS],
      contextKey: { key: `k${seq % 7}`, contextType: "DATA", contextScope: "PUBLIC" },
      contextValue: { value: { seq } },
    }).catch(() => failed++);
    return true;
  });
  const deadline = Date.now() + 60_000;
  while (received + failed < WRITES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  socket.close();

  const context = { rate: RATE, writes: WRITES, contexts: CONTEXTS, load1: sig3(os.loadavg()[0]!) };
  printFigure({
    bench,
    metric: "delivery.received",
    value: received,
    unit: "events",
    expected: WRITES,
    failed,
    outOfOrder,
    ...context,
  });
  printFigure({ bench, metric: "delivery.pacerMaxBehind", value: sig3(paced.maxBehindMs), unit: "ms", ...context });
  for (const [side, h] of Object.entries(latency)) {
    printFigure({
      bench,
      metric: `delivery.${side}.p50`,
      value: sig3(h.quantile(0.5)),
      unit: "ms",
      n: h.count,
      ...context,
    });
    printFigure({
      bench,
      metric: `delivery.${side}.p99`,
      value: sig3(h.quantile(0.99)),
      unit: "ms",
      n: h.count,
      ...context,
    });
    printFigure({ bench, metric: `delivery.${side}.max`, value: sig3(h.max), unit: "ms", ...context });
  }
  printFigure({
    bench,
    metric: "delivery.ratio.p99",
    value: Number((latency.cross.quantile(0.99) / latency.local.quantile(0.99)).toFixed(3)),
    unit: "ratio",
    of: "cross-node p99 / single-node p99",
    goal: "<= 2",
    ...context,
  });
  await Promise.all([a.stop(), b.stop()]);
}

/** Part 2: cached reads through one port, one worker against two. */
async function reads() {
  const one = await start({ NODE_ID: "one", CLUSTER_WORKERS: "1" });
  const two = await start({ NODE_ID: "two", CLUSTER_WORKERS: "2" });
  const contexts = await createContexts(one, READ_CONTEXTS);
  for (const id of contexts)
    for (let k = 0; k < READ_KEYS; k++)
      await call(one, "setValueByKey", {
        contextID: id,
        contextKey: { key: `key${k}`, contextType: "DATA", contextScope: "PUBLIC" },
        contextValue: { value: "v".repeat(300) },
      });
  const requests = contexts.flatMap((id) =>
    Array.from({ length: READ_KEYS }, (_, k) =>
      postRequest(
        `${REST}getContextValue`,
        JSON.stringify({ contextID: id, contextKey: { key: `key${k}`, contextType: "DATA" } }),
        { authorization: `Bearer ${token}` },
      ),
    ),
  );
  const draw = (seed: number) => {
    const draws = Array.from({ length: CONNECTIONS }, (_, i) => seededRandom(seed + i));
    return (connection: number) => requests[randomInt(draws[connection]!, requests.length)]!;
  };
  // Connections are opened afresh for every round: node:cluster hands each new one to the next
  // worker, and the server closes keep-alive connections idle past 5 s (between rounds).
  const sides = [
    { name: "workers1", node: one, seed: 0x5eed_1300, rounds: [] as Round[] },
    { name: "workers2", node: two, seed: 0x5eed_1300, rounds: [] as Round[] },
  ];
  const runRound = async (side: (typeof sides)[number], ms: number) => {
    const load = await HttpLoad.open(side.node.port, CONNECTIONS, draw(side.seed));
    try {
      return await load.run(ms);
    } finally {
      load.close();
    }
  };
  type Round = {
    perSecond: number;
    p99Ms: number;
    errors: number;
    serverCpuUs: number;
    generatorCpuUs: number;
    cores: number;
  };
  // Warm-up: every worker loads every context into its own cache.
  for (const side of sides) await runRound(side, Math.min(2000, ROUND_MS));
  for (let r = 0; r < ROUNDS; r++)
    for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
      const server0 = side.node.cpuMicros();
      const generator0 = process.cpuUsage();
      const round = await runRound(side, ROUND_MS);
      const generator = process.cpuUsage(generator0);
      const server = side.node.cpuMicros() - server0;
      const n = Math.max(1, round.requests);
      const measured = {
        perSecond: round.perSecond,
        p99Ms: round.p99Ms,
        errors: round.errors,
        serverCpuUs: server / n,
        generatorCpuUs: (generator.user + generator.system) / n,
        cores: server / 1e6 / round.seconds,
      };
      side.rounds.push(measured);
      note(
        `${side.name} round ${r + 1}: ${round.perSecond.toFixed(0)} reads/s, p99 ${round.p99Ms.toFixed(2)} ms, server ${measured.serverCpuUs.toFixed(1)} µs CPU/read (${measured.cores.toFixed(2)} cores), generator ${measured.generatorCpuUs.toFixed(1)} µs/read, ${round.errors} errors, load ${os.loadavg()[0]!.toFixed(1)}`,
      );
    }
  const context = {
    connections: CONNECTIONS,
    contexts: READ_CONTEXTS,
    keys: READ_KEYS,
    rounds: ROUNDS,
    roundMs: ROUND_MS,
  };
  const rate: Record<string, number> = {};
  for (const side of sides) {
    const m = (pick: (r: Round) => number) => sig3(median(side.rounds.map(pick)));
    rate[side.name] = median(side.rounds.map((r) => r.perSecond));
    const errors = side.rounds.reduce((n, r) => n + r.errors, 0);
    printFigure({
      bench,
      metric: `reads.${side.name}.readsPerSec`,
      value: sig3(rate[side.name]!),
      unit: "reads/s",
      errors,
      ...context,
    });
    printFigure({ bench, metric: `reads.${side.name}.p99`, value: m((r) => r.p99Ms), unit: "ms", ...context });
    printFigure({
      bench,
      metric: `reads.${side.name}.serverCpuPerRead`,
      value: m((r) => r.serverCpuUs),
      unit: "µs",
      ...context,
    });
    printFigure({
      bench,
      metric: `reads.${side.name}.generatorCpuPerRead`,
      value: m((r) => r.generatorCpuUs),
      unit: "µs",
      ...context,
    });
    printFigure({
      bench,
      metric: `reads.${side.name}.serverCores`,
      value: m((r) => r.cores),
      unit: "cores",
      ...context,
    });
  }
  printFigure({
    bench,
    metric: "reads.ratio.readsPerSec",
    value: Number((rate.workers2! / rate.workers1!).toFixed(3)),
    unit: "ratio",
    of: "2 workers / 1 worker",
    ...context,
  });
}

try {
  const parts = (process.env.BENCH_CLUSTER_PARTS ?? "delivery,reads").split(",");
  if (parts.includes("delivery")) await delivery();
  if (parts.includes("reads")) {
    if (!token) {
      // The reads part alone: its first node creates the admin.
      const first = await start({ NODE_ID: "seed" });
      const db = await openDatabase(database.url);
      token = await createToken(db.prisma, "admin").finally(() => db.close());
      await first.stop();
    }
    await reads();
  }
} finally {
  await Promise.all(started.map((n) => n.stop()));
  await database.drop();
  const redis = new Redis(common.REDIS_URL);
  const keys = await redis.keys(`${clusterName}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  noteLoad("end");
}
