/**
 * Issue 11's write benchmark: `setValueByKey` over HTTP, 32 keep-alive connections, 100
 * contexts × 10 keys, ~300-byte values, against a floor: a bare node:http server doing the same
 * durable work per request through the driver itself (one transaction: bump the context's
 * revision, upsert the entry, append the change-log row), on SQLite (WAL, synchronous=NORMAL)
 * and on PostgreSQL (pg, a transaction per request). Both servers run in child processes, so
 * each one's CPU is its own; one load generator (this process) drives both, in alternating
 * rounds, so drift in the machine's load hits both alike.
 *
 * BENCH_PG_URL (or TEST_DATABASE_URL) names a PostgreSQL server to create the bench databases
 * on; without one, postgresql://root@127.0.0.1:5432/postgres is tried, and skipped if absent.
 * BENCH_WRITE_ROUNDS (default 3 per side) and BENCH_WRITE_ROUND_MS (default 5000) size the run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { CommitStats } from "../server/contexts/context-store.ts";
import { startChildServer, type ChildServer } from "./lib/child-server.ts";
import { median, note, noteLoad, printFigure, sig3 } from "./lib/figures.ts";
import { HttpLoad, postRequest, type LoadRound } from "./lib/http-load.ts";
import { randomInt, seededRandom } from "./lib/prng.ts";

const bench = "write";
const CONNECTIONS = 32;
const CONTEXTS = 100;
const KEYS = 10;
const ROUNDS = Number(process.env.BENCH_WRITE_ROUNDS ?? 3);
const ROUND_MS = Number(process.env.BENCH_WRITE_ROUND_MS ?? 5000);
const PATH = "/api/rest_j/v1/contextservice/setValueByKey";

// ~300-byte values, drawn once from a seeded PRNG.
const random = seededRandom(0x5eed_0011);
const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ";
const values = Array.from({ length: 64 }, () =>
  Array.from({ length: 280 + randomInt(random, 40) }, () => alphabet[randomInt(random, alphabet.length)]).join(""),
);

function requestMaker(contextIds: string[], headers: Record<string, string>) {
  const draws = Array.from({ length: CONNECTIONS }, (_, i) => seededRandom(0x5eed_1100 + i));
  return (connection: number) => {
    const r = draws[connection]!;
    const body = JSON.stringify({
      contextID: contextIds[randomInt(r, contextIds.length)],
      contextKey: { key: `key${randomInt(r, KEYS)}`, contextType: "DATA", contextScope: "PUBLIC" },
      contextValue: { value: values[randomInt(r, values.length)] },
    });
    return postRequest(PATH, body, headers);
  };
}

interface Side {
  name: "ours" | "floor";
  server: ChildServer;
  load: HttpLoad;
  rounds: (LoadRound & { cpuPerWriteUs: number; cores: number })[];
}

async function measure(side: Side, ms: number) {
  const cpu0 = await side.server.cpuMicros();
  const round = await side.load.run(ms);
  const cpu = (await side.server.cpuMicros()) - cpu0;
  return { ...round, cpuPerWriteUs: cpu / Math.max(1, round.requests), cores: cpu / 1e6 / round.seconds };
}

async function runDatabase(database: "sqlite" | "postgres", ours: ChildServer, floor: ChildServer) {
  const token = (ours.info as { token: string }).token;
  const auth = { authorization: `Bearer ${token}` };
  const ourIds: string[] = [];
  for (let i = 0; i < CONTEXTS; i++) {
    const res = await fetch(`http://127.0.0.1:${ours.port}/api/rest_j/v1/contextservice/createContextID`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ contextID: { user: "bench" } }),
    });
    ourIds.push(((await res.json()) as { data: { contextId: string } }).data.contextId);
  }
  const floorIds = (floor.info as { ids: number[] }).ids.map((id) => `8-8--cs_1_devcs_1_dev${id}`);
  const sides: Side[] = [
    {
      name: "floor",
      server: floor,
      load: await HttpLoad.open(floor.port, CONNECTIONS, requestMaker(floorIds, {})),
      rounds: [],
    },
    {
      name: "ours",
      server: ours,
      load: await HttpLoad.open(ours.port, CONNECTIONS, requestMaker(ourIds, auth)),
      rounds: [],
    },
  ];
  // Warm-up: JIT, statement caches, every key written once.
  for (const side of sides) await side.load.run(Math.min(2000, ROUND_MS));
  const statsBefore = await ours.stats<CommitStats>();
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate which side goes first, so neither always follows the other.
    const order = r % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const round = await measure(side, ROUND_MS);
      side.rounds.push(round);
      note(
        `${database} ${side.name} round ${r + 1}: ${round.perSecond.toFixed(0)} writes/s, p99 ${round.p99Ms.toFixed(1)} ms, ` +
          `${round.cpuPerWriteUs.toFixed(0)} µs CPU/write, ${round.cores.toFixed(2)} cores, ${round.errors} errors, load ${os.loadavg()[0]!.toFixed(1)}`,
      );
    }
  }
  const statsAfter = await ours.stats<CommitStats>();
  const context = {
    database,
    connections: CONNECTIONS,
    contexts: CONTEXTS,
    keys: KEYS,
    rounds: ROUNDS,
    roundMs: ROUND_MS,
  };
  const summary: Record<string, { rate: number; p99: number; cpu: number }> = {};
  for (const side of sides) {
    const rate = median(side.rounds.map((x) => x.perSecond));
    const p99 = median(side.rounds.map((x) => x.p99Ms));
    const cpu = median(side.rounds.map((x) => x.cpuPerWriteUs));
    const cores = median(side.rounds.map((x) => x.cores));
    const errors = side.rounds.reduce((n, x) => n + x.errors, 0);
    summary[side.name] = { rate, p99, cpu };
    const m = `${database}.${side.name}`;
    printFigure({ bench, metric: `${m}.writesPerSec`, value: sig3(rate), unit: "writes/s", errors, ...context });
    printFigure({ bench, metric: `${m}.p99`, value: sig3(p99), unit: "ms", ...context });
    printFigure({
      bench,
      metric: `${m}.p50`,
      value: sig3(median(side.rounds.map((x) => x.p50Ms))),
      unit: "ms",
      ...context,
    });
    printFigure({ bench, metric: `${m}.cpuPerWrite`, value: sig3(cpu), unit: "µs", ...context });
    printFigure({ bench, metric: `${m}.cores`, value: sig3(cores), unit: "cores", ...context });
  }
  printFigure({
    bench,
    metric: `${database}.ratio.writesPerSec`,
    value: Number((summary.ours!.rate / summary.floor!.rate).toFixed(3)),
    unit: "ratio",
    of: "ours/floor",
    goal: ">= 1.0",
    ...context,
  });
  printFigure({
    bench,
    metric: `${database}.ratio.cpuPerWrite`,
    value: Number((summary.ours!.cpu / summary.floor!.cpu).toFixed(3)),
    unit: "ratio",
    of: "ours/floor (lower is cheaper)",
    ...context,
  });
  const groups = statsAfter.groups - statsBefore.groups;
  printFigure({
    bench,
    metric: `${database}.ours.writesPerGroup`,
    value: sig3((statsAfter.writes - statsBefore.writes) / Math.max(1, groups)),
    unit: "writes/transaction",
    largestGroup: statsAfter.largestGroup,
    ...context,
  });
  for (const side of sides) side.load.close();
}

noteLoad("start");

// SQLite
{
  const dir = mkdtempSync(path.join(os.tmpdir(), "cs-bench-write-"));
  const ours = await startChildServer(["ours", `file:${path.join(dir, "ours.db")}`, dir]);
  const floor = await startChildServer(["floor-sqlite", path.join(dir, "floor.db")]);
  try {
    await runDatabase("sqlite", ours, floor);
  } finally {
    await ours.stop();
    await floor.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// PostgreSQL
{
  const base = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: base });
  const reachable = await admin.connect().then(
    () => true,
    (err: Error) => (note(`PostgreSQL at ${base} unreachable (${err.message}): skipping the PostgreSQL half`), false),
  );
  if (reachable) {
    const names = [`cs_bench_write_ours_${process.pid}`, `cs_bench_write_floor_${process.pid}`];
    const urls = names.map((n) => {
      const u = new URL(base);
      u.pathname = `/${n}`;
      return u.toString();
    });
    for (const n of names) await admin.query(`CREATE DATABASE "${n}"`);
    const dir = mkdtempSync(path.join(os.tmpdir(), "cs-bench-write-"));
    const ours = await startChildServer(["ours", urls[0]!, dir]);
    const floor = await startChildServer(["floor-postgres", urls[1]!]);
    try {
      await runDatabase("postgres", ours, floor);
    } finally {
      await ours.stop();
      await floor.stop();
      for (const n of names) await admin.query(`DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
noteLoad("end");
