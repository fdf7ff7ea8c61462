/**
 * Issue 6's benchmark: `clearAllContextByTime` over half of BENCH_CLEANUP_CONTEXTS contexts
 * (default 1,000,000) × 5 entries, against the floor — a plain SQL delete of the same rows on
 * an identical copy of the database, in the same run — with getContextValue calls served
 * alongside. Goal: the clear within 2× of the floor, p99 of the concurrent reads under 50 ms.
 *
 * Per database (SQLite always; PostgreSQL too when TEST_DATABASE_URL is set; BENCH_CLEANUP_DB
 * picks one):
 * 1. Seed by bulk SQL (bench/lib/cleanup-db.ts): per context 5 entries, 8 keyword rows, 6
 *    change-log rows, and a history record on every 10th; the older half was created before
 *    2025 (the clear's target), the newer half after. Copy it for the floor.
 * 2. Floor: one transaction deleting the children by contextId, then the contexts. Its copy is
 *    counted and dropped straight after.
 * 3. Ours: a real server (createApp, as the integration tests build it) on the other copy. A
 *    child process (bench/lib/cleanup-readers.ts) calls getContextValue on the newer half at
 *    BENCH_CLEANUP_READS_PER_SEC (default 50, open loop) for 5 s idle, then all through
 *    POST clearAllContextByTime {createTimeEnd: 2025-01-01}, which answers when the clear is
 *    done. Most reads miss the cache (10,000 contexts of 500,000) and load from the database.
 *    The change-log retention's minutely prune is timed once and then stopped (see runOurs).
 *    The clear's batches are followed through the Cleaner's progress callback.
 * 4. Both copies must then hold the same rows; temporary files and databases are dropped, also
 *    on failure or SIGINT/SIGTERM.
 */
import { request } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createToken } from "../server/auth/tokens.ts";
import { createApp } from "../server/app.ts";
import type { CleanerDeps, ClearJobState } from "../server/cleanup/cleaner.ts";
import { loadConfig } from "../server/config/env.ts";
import {
  cloneDatabase,
  countRows,
  databaseBytes,
  floorDelete,
  seededDatabase,
  settle,
  type BenchDatabase,
  type FloorResult,
  type Kind,
} from "./lib/cleanup-db.ts";
import type { PhaseReport } from "./lib/cleanup-readers.ts";
import { killReaders, Readers } from "./lib/reader-process.ts";
import { CLEAR_BEFORE, ENTRIES, oldCount } from "./lib/cleanup-rows.ts";
import { note, printFigure, sig3 } from "./lib/figures.ts";
import { LatencyHistogram } from "./lib/latency-histogram.ts";

const bench = "cleanup";
const N = Number(process.env.BENCH_CLEANUP_CONTEXTS ?? 1_000_000);
const READS_PER_SEC = Number(process.env.BENCH_CLEANUP_READS_PER_SEC ?? 50);
const MAX_IN_FLIGHT = 256;
const IDLE_S = 5;
const kinds: Kind[] = (["sqlite", ...(process.env.TEST_DATABASE_URL ? (["postgres"] as const) : [])] as Kind[]).filter(
  (k) => !process.env.BENCH_CLEANUP_DB || k === process.env.BENCH_CLEANUP_DB,
);
if (!Number.isInteger(N) || N < 2)
  throw new Error(`BENCH_CLEANUP_CONTEXTS must be an integer ≥ 2, not ${process.env.BENCH_CLEANUP_CONTEXTS}`);

// The server logs to stdout; keep stdout for figures.
console.log = (...args: unknown[]) => console.error(...args);

const seconds = (ms: number) => sig3(ms / 1000);

// Whatever happens, temporary databases go: on the way out of each run, and on a signal.
const drops = new Set<BenchDatabase>();
async function dropAll() {
  killReaders();
  for (const db of drops) {
    drops.delete(db);
    await db.drop().catch((err: Error) => note(`could not drop ${db.url}: ${err.message}`));
  }
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    note(`${signal}: dropping the bench databases`);
    void dropAll().finally(() => process.exit(130));
  });
}

/** POST with no client-side time limit: the endpoint answers when the whole clear is done. */
function post(
  url: string,
  token: string,
  body: unknown,
): Promise<{ status: number; json: { status: number; message: string; data: Record<string, unknown> } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

interface OursResult {
  ms: number;
  num: string;
  phases: Record<string, PhaseReport>;
  serverCpuPct: number;
  /** The server's event loop during the clear: how late a 5 ms timer fired, ms. */
  loopDelay: { p50: number; p99: number; max: number };
  /** One run of the change-log retention's prune, timed before the clear (its timer is stopped). */
  pruneMs: number;
  prune: { ms: number; loopMaxMs: number; loopP99Ms: number; longestPieceMs: number; againMs: number };
  /** Per committed batch: contexts in it, and ms since the previous progress report. */
  batches: { size: number; ms: number }[];
}

async function runOurs(db: BenchDatabase): Promise<OursResult> {
  const config = loadConfig({
    DATA_DIR: db.dataDir,
    DATABASE_URL: db.url,
    ADMIN_PASSWORD: "bench-admin-password",
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret-00",
    // This process's stdout carries the figures as JSON lines: a request line per read would mix in.
    LOG_LEVEL: "warn",
  });
  const app = await createApp(config);
  let readers: Readers | undefined;
  try {
    const port = await app.listen(0, "127.0.0.1");
    const baseUrl = `http://127.0.0.1:${port}`;
    const token = await createToken(app.services.database.prisma, "admin");
    // The change-log retention prunes every minute; on this data one prune reads the whole change
    // log (seconds on SQLite, where it holds the event loop throughout). Timed once here and
    // reported on its own, then stopped, so the clear's figures are the clear's.
    app.services.changeLog.stop();
    const pruneLoop = monitorEventLoopDelay({ resolution: 1 });
    pruneLoop.enable();
    const prune0 = performance.now();
    await app.services.changeLog.prune();
    const pruneMs = performance.now() - prune0;
    pruneLoop.disable();
    const pruneLongestPieceMs = app.services.changeLog.longestPieceMs;
    // The next minute's pass, with nothing newly due: what a prune costs in steady state.
    const again0 = performance.now();
    await app.services.changeLog.prune();
    const pruneAgainMs = performance.now() - again0;
    const prune = {
      ms: pruneMs,
      loopMaxMs: sig3(pruneLoop.max / 1e6),
      loopP99Ms: sig3(pruneLoop.percentile(99) / 1e6),
      longestPieceMs: sig3(pruneLongestPieceMs),
      againMs: sig3(pruneAgainMs),
    };

    // Follow the clear's batches through its progress callback (each committed batch reports
    // once). `d` is the Cleaner's private constructor parameter: a bench-only peek.
    const deps = (app.services.cleaner as unknown as { d: CleanerDeps }).d;
    const onProgress = deps.onProgress;
    const batches: OursResult["batches"] = [];
    let last: { t: number; processed: number } | undefined;
    deps.onProgress = (state: ClearJobState) => {
      const t = performance.now();
      if (last && state.processed > last.processed)
        batches.push({ size: state.processed - last.processed, ms: t - last.t });
      last = { t, processed: state.processed };
      onProgress?.(state);
    };

    readers = new Readers();
    readers.send({
      type: "start",
      baseUrl,
      token,
      firstId: oldCount(N) + 1,
      lastId: N,
      ratePerSec: READS_PER_SEC,
      maxInFlight: MAX_IN_FLIGHT,
    });
    await readers.next("started");
    await new Promise((r) => setTimeout(r, 1000));
    readers.send({ type: "phase", name: "idle" });
    await new Promise((r) => setTimeout(r, IDLE_S * 1000));
    readers.send({ type: "phase", name: "clear" });
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    const res = await post(`${baseUrl}/api/rest_j/v1/contextservice/clearAllContextByTime`, token, {
      createTimeEnd: CLEAR_BEFORE.toISOString(),
    });
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpu0);
    loop.disable();
    const loopDelay = {
      p50: sig3(loop.percentile(50) / 1e6),
      p99: sig3(loop.percentile(99) / 1e6),
      max: sig3(loop.max / 1e6),
    };
    readers.send({ type: "phase", name: "after" });
    await new Promise((r) => setTimeout(r, 1000));
    readers.send({ type: "stop" });
    const { phases } = await readers.next("report");
    if (res.status !== 200 || res.json.status !== 0)
      throw new Error(`clearAllContextByTime answered HTTP ${res.status}: ${JSON.stringify(res.json)}`);
    return {
      ms,
      num: String(res.json.data.num),
      phases,
      serverCpuPct: ((cpu.user + cpu.system) / 1000 / ms) * 100,
      loopDelay,
      pruneMs,
      prune,
      batches,
    };
  } finally {
    await app.close();
  }
}

function latency(p: PhaseReport) {
  const h = new LatencyHistogram();
  h.add(p.latency);
  return {
    p50: sig3(h.quantile(0.5)),
    p90: sig3(h.quantile(0.9)),
    p99: sig3(h.quantile(0.99)),
    max: sig3(h.max),
    samples: h.count,
    errors: p.errors,
    skipped: p.skipped,
    achievedPerSec: sig3((p.calls * 1000) / p.ms),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};

async function runKind(kind: Kind) {
  const cleared = oldCount(N);
  const context = { db: kind, contexts: N, cleared, entriesPerContext: ENTRIES };
  note(`${kind}: seeding ${N.toLocaleString("en")} contexts × ${ENTRIES} entries`);
  const seedStarted = performance.now();
  let lastNote = seedStarted;
  const ours = await seededDatabase(kind, N, (done) => {
    if (performance.now() - lastNote > 15_000 || done === N) {
      lastNote = performance.now();
      note(`  ${done.toLocaleString("en")} contexts in ${seconds(lastNote - seedStarted)} s`);
    }
  });
  drops.add(ours);
  const floorDb = await cloneDatabase(ours);
  drops.add(floorDb);
  await settle(ours);
  await settle(floorDb);
  const seedMs = performance.now() - seedStarted;
  const before = await countRows(ours);
  printFigure({
    bench,
    metric: `${kind}.seed`,
    value: seconds(seedMs),
    unit: "s",
    ...context,
    rows: before,
    databaseBytes: await databaseBytes(ours),
    includes: "seed, index build, copy for the floor",
  });

  note(`${kind}: floor (plain SQL delete of the same rows)`);
  const floor: FloorResult = await floorDelete(floorDb);
  printFigure({
    bench,
    metric: `${kind}.floor.seconds`,
    value: seconds(floor.ms),
    unit: "s",
    ...context,
    contextsPerSec: sig3((cleared * 1000) / floor.ms),
    statements: Object.fromEntries(floor.statements.map((s) => [s.table, { ms: Math.round(s.ms), rows: s.rows }])),
  });
  // The floor's copy has served its purpose: drop it now, so its cleanup (PostgreSQL's
  // autovacuum after a mass delete) does not run beside ours.
  const floorLeft = await countRows(floorDb);
  drops.delete(floorDb);
  await floorDb.drop();
  await settle(ours);

  note(`${kind}: clearAllContextByTime through the server, getContextValue at ${READS_PER_SEC}/s alongside`);
  const r = await runOurs(ours);
  if (r.num !== String(cleared))
    throw new Error(`clearAllContextByTime cleared ${r.num} contexts, expected ${cleared}`);
  const left = await countRows(ours);
  const same = JSON.stringify(left) === JSON.stringify(floorLeft);
  if (!same) throw new Error(`rows left differ: ours ${JSON.stringify(left)}, floor ${JSON.stringify(floorLeft)}`);
  const sizes = r.batches.map((b) => b.size);
  printFigure({
    bench,
    metric: `${kind}.clear.seconds`,
    value: seconds(r.ms),
    unit: "s",
    ...context,
    contextsPerSec: sig3((cleared * 1000) / r.ms),
    serverCpuPct: Math.round(r.serverCpuPct),
    batches: r.batches.length,
    batchSize: { median: median(sizes), min: Math.min(...sizes), max: Math.max(...sizes) },
    batchMs: { median: sig3(median(r.batches.map((b) => b.ms))), max: sig3(Math.max(...r.batches.map((b) => b.ms))) },
    serverLoopDelayMs: r.loopDelay,
    rowsLeftMatchFloor: same,
  });
  printFigure({
    bench,
    metric: `${kind}.clear.ratio`,
    value: Number((r.ms / floor.ms).toFixed(2)),
    unit: "ratio",
    of: "clearAllContextByTime / floor",
    goal: kind === "sqlite" ? "<= 1.5" : "<= 1.2",
    ...context,
  });
  const during = latency(r.phases.clear!);
  const idle = latency(r.phases.idle!);
  printFigure({
    bench,
    metric: `${kind}.getContextValue.duringClear.p99`,
    value: during.p99,
    unit: "ms",
    goal: "< 50",
    ...context,
    offeredPerSec: READS_PER_SEC,
    ...during,
    idle,
  });
  printFigure({
    bench,
    metric: `${kind}.changeLogPrune.ms`,
    value: Math.round(r.pruneMs),
    unit: "ms",
    ...context,
    changeLogRows: before.context_change_log,
    note: "one ChangeLogRetention.prune() (runs every minute), the first after start: it walks the whole log once, in pieces; stopped during the clear",
    longestPieceMs: r.prune.longestPieceMs,
    loopDelayP99Ms: r.prune.loopP99Ms,
    nextPassMs: r.prune.againMs,
  });
  printFigure({
    bench,
    metric: `${kind}.changeLogPrune.maxLoopBlock`,
    value: r.prune.loopMaxMs,
    unit: "ms",
    goal: "<= 20",
    ...context,
    changeLogRows: before.context_change_log,
    of: "longest event-loop delay during that prune (monitorEventLoopDelay, 1 ms resolution)",
  });
}

try {
  note(
    `cleanup: ${N.toLocaleString("en")} contexts × ${ENTRIES} entries, clearing the older ${oldCount(N).toLocaleString("en")}; databases: ${kinds.join(", ")}`,
  );
  for (const kind of kinds) {
    const started = performance.now();
    try {
      await runKind(kind);
    } finally {
      await dropAll();
    }
    note(`${kind}: done in ${seconds(performance.now() - started)} s`);
  }
} finally {
  await dropAll();
}
