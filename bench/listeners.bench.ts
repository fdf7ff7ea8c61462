/**
 * Issue 5's benchmark: commit-to-delivery latency of live subscriptions (socket.io `/events`)
 * at two loads of 100,000 deliveries/s each — 100 subscribers × 1,000 writes/s and 1,000
 * subscribers × 100 writes/s — against a plain socket.io server broadcasting the same events
 * at the same rates to the same number of connections (the floor), measured in the same run.
 * Then the deliveries/s one process sustains before a subscriber gets `lagged`.
 *
 * - The server (a real one: createApp over a temp SQLite database, as the integration tests
 *   start it) and the floor server run in this process; the subscribers are separate
 *   socket.io-client connections in child processes (bench/lib/live-subscribers.ts).
 * - Variants: `db` writes through ContextService.setValue (transaction → cache → bus →
 *   socket), at most DB_IN_FLIGHT writes waiting at once: a slot the writer cannot take is
 *   skipped and the achieved rate reported. `bus` publishes ChangeEvents straight onto the
 *   bus (what a commit publishes, without the database), so the delivery path runs at exactly
 *   the target rate. `floor`: socket.io's namespace broadcast of the same event objects.
 * - Floor and bus-only alternate in ROUNDS rounds at each load (subscribers of both connected
 *   throughout), so changes in what else the machine runs hit both alike. `db` runs alone;
 *   when the server cannot take the target write rate, the floor runs again at the rate it took.
 * - The lag ramp (bus-only, 100 subscribers, default LISTENER_QUEUE_LIMIT) raises the offered
 *   deliveries/s step by step until `lagged`, or until the server cannot publish the rate.
 * - Latency = receive time in the subscriber − `tc`, the commit-complete time: the bus's
 *   publish is wrapped so it stamps `tc` into each event's value as a commit hands its events
 *   over (after the transaction and the cache update). `fromStart` figures time from before
 *   setValue instead (`t0`: lock wait and transaction included). Both clocks are
 *   performance.timeOrigin + performance.now(); the offset between processes is noted.
 * - Every subscriber subscribes to the context written (filter `contextIds`), so each write is
 *   one delivery per subscriber; each socket checks that revisions arrive consecutively.
 *
 * Knobs (environment): LISTENERS_BENCH_SECONDS (measured seconds per run, default 10),
 * LISTENERS_BENCH_PROCESSES (subscriber processes, default 1), LISTENERS_BENCH_PARTS (which
 * parts: bus, db, ramp, limits; default all).
 */
import { createServer } from "node:http";
import os from "node:os";
import { Server as IoServer } from "socket.io";
import type { ChangeEvent } from "../server/core/context-types.ts";
import { startTestServer, type TestServer } from "../test/support/test-server.ts";
import { note, printFigure, sig3 } from "./lib/figures.ts";
import { LatencyHistogram } from "./lib/latency-histogram.ts";
import { pace, type PaceResult } from "./lib/pacer.ts";
import { SubscriberPool, type PoolReport } from "./lib/subscriber-pool.ts";
import { io as ioClient } from "socket.io-client";
import { MAX_SUBSCRIPTION_CONTEXT_IDS } from "../server/listeners/live/subscribe-request.ts";
import { formatPublicId } from "../server/core/public-id.ts";
import { killReaders, Readers } from "./lib/reader-process.ts";
import type { Stamped } from "./lib/subscriber-protocol.ts";

const bench = "listeners";
const RUN_S = Number(process.env.LISTENERS_BENCH_SECONDS ?? 10);
const WARM_S = 2;
const ROUNDS = 4; // floor and bus-only alternate in rounds of RUN_S / ROUNDS
const PROCESSES = Number(process.env.LISTENERS_BENCH_PROCESSES ?? 1);
// Which parts run (comma list of bus, db, ramp, limits; all by default).
const PARTS = (process.env.LISTENERS_BENCH_PARTS ?? "bus,db,ramp,limits").split(",");
const part = (name: string) => PARTS.includes(name);
// db writes go round-robin over DB_CONTEXTS contexts (each write takes its context's lock, so one
// context alone caps the rate); every subscriber follows all of them.
const DB_CONTEXTS = 8;
const DB_IN_FLIGHT = 16;
const LOADS = [
  { subscribers: 100, writesPerSec: 1000 },
  { subscribers: 1000, writesPerSec: 100 },
];
// The lag ramp: 100 subscribers, offered deliveries/s rising until one gets `lagged`.
const RAMP_SUBSCRIBERS = 100;
const RAMP_DELIVERIES = [50_000, 75_000, 100_000, 125_000, 150_000, 200_000, 300_000];
const RAMP_S = 5;
const PAD = "p".repeat(120); // with the stamps, a value of about 200 bytes

const now = () => performance.timeOrigin + performance.now();

// The floor: a bare socket.io server on its own port, no auth, no bus.
const floorHttp = createServer();
const floorIo = new IoServer(floorHttp, { serveClient: false });
const floorEvents = floorIo.of("/events");
const floorPort = await new Promise<number>((resolve) =>
  floorHttp.listen(0, "127.0.0.1", () => resolve((floorHttp.address() as { port: number }).port)),
);

const server: TestServer = await startTestServer();
const { bus, contexts: svc, live } = server.app.services;

// Stamp the commit-complete time into each event's value as it reaches the bus, and time the
// publish call: the in-process bus fans out synchronously, so this is time the writer waits.
const publish = bus.publish.bind(bus);
let publishSink: LatencyHistogram | null = null;
bus.publish = (events: readonly ChangeEvent[]) => {
  const t = now();
  for (const e of events) {
    const v = e.value as Partial<Stamped> | null;
    if (v && typeof v === "object" && "tc" in v) v.tc = t;
  }
  publish(events);
  publishSink?.record(now() - t);
};

const dbContexts: string[] = [];
for (let i = 0; i < DB_CONTEXTS; i++)
  dbContexts.push(svc.publicId(await svc.create({ user: "bench", application: "listeners-bench" })));
const dbContext = dbContexts[0]!;
const busContext = svc.publicId(await svc.create({ user: "bench", application: "listeners-bench" }));
let busRevision = 1; // context-created took revision 1
let floorRevision = 0;

const stamped = (seq: number, warm: boolean, t: number): Stamped => ({ seq, t0: t, tc: t, w: warm ? 1 : 0, pad: PAD });
const sampleEvent = {
  subscriptionId: crypto.randomUUID(),
  contextId: dbContext,
  revision: 12345,
  op: "updated",
  contextType: "DATA",
  key: "bench.k1",
  value: stamped(12345, false, now()),
};
const payloadBytes = Buffer.byteLength(JSON.stringify(["event", sampleEvent]));

type Variant = "floor" | "bus" | "db";
interface RunResult {
  variant: Variant;
  subscribers: number;
  writesPerSec: number;
  rounds: number;
  pace: PaceResult;
  committed: number;
  report: PoolReport;
  expected: number;
  drainMs: number;
  serverCpuPct: number;
  clientCpuPct: number;
  serverLagged: number;
  serverCpuMs: number;
  /** The machine's 1-minute load average at the end: above the core count, other work competed. */
  loadAvg: number;
  /** bus.publish calls (for the floor: namespace emit calls), ms each. */
  publishMs: LatencyHistogram;
}

const loadName = (subscribers: number, writesPerSec: number) => `${subscribers}x${writesPerSec}`;

/**
 * One variant's subscribers (fresh child processes) and what its rounds measured. Rounds of
 * two sessions can interleave, so drift in what else the machine runs hits both alike.
 */
class Session {
  readonly publishMs = new LatencyHistogram();
  #paced: PaceResult = { fired: 0, skipped: 0, elapsedMs: 0, maxBehindMs: 0 };
  #rounds = 0;
  #committed = 0;
  #serverCpuMs = 0;
  #wallMs = 0;
  #drainMs = 0;
  #lagged = 0;

  private constructor(
    readonly variant: Variant,
    readonly subscribers: number,
    readonly pool: SubscriberPool,
  ) {}

  static async open(variant: Variant, subscribers: number): Promise<Session> {
    const pool = SubscriberPool.start(PROCESSES);
    try {
      const url = variant === "floor" ? `http://127.0.0.1:${floorPort}/events` : `${server.baseUrl}/events`;
      const filter = variant === "floor" ? undefined : { contextIds: variant === "db" ? dbContexts : [busContext] };
      const { ms, subscribed } = await pool.connect(
        url,
        variant === "floor" ? undefined : server.adminToken,
        subscribers,
        filter,
      );
      if (filter && subscribed !== subscribers) throw new Error(`${subscribed} of ${subscribers} subscribed`);
      const clock = await pool.clockOffset();
      note(
        `${variant} ×${subscribers}: connected in ${(ms / 1000).toFixed(1)} s; clock offset ${clock.offsetMs.toFixed(3)} ms (rtt ${clock.rttMs.toFixed(3)} ms)`,
      );
      await new Promise((r) => setTimeout(r, 500));
      await pool.reset();
      return new Session(variant, subscribers, pool);
    } catch (err) {
      await pool.close().catch(() => pool.kill());
      throw err;
    }
  }

  /** `warmS` seconds (counted, not timed) then `seconds` measured, at `writesPerSec`; then drains. */
  async round(writesPerSec: number, seconds: number, warmS = 0) {
    const { variant, subscribers } = this;
    const lagged0 = live.describe().lagged;
    const warmSlots = warmS * writesPerSec;
    let inFlight = 0;
    let failed = 0;
    const pending = new Set<Promise<void>>();
    const fire = (slot: number): boolean => {
      const warm = slot < warmSlots;
      if (variant === "floor") {
        const t = now();
        floorEvents.emit("event", {
          subscriptionId: sampleEvent.subscriptionId,
          contextId: busContext,
          revision: ++floorRevision,
          op: "updated",
          contextType: "DATA",
          key: `bench.k${slot % 10}`,
          value: stamped(slot, warm, t),
        });
        this.publishMs.record(now() - t);
        this.#committed++;
        return true;
      }
      if (variant === "bus") {
        bus.publish([
          {
            contextId: busContext,
            revision: ++busRevision,
            op: "updated",
            contextType: "DATA",
            key: `bench.k${slot % 10}`,
            value: stamped(slot, warm, now()),
            time: new Date(),
          },
        ]);
        this.#committed++;
        return true;
      }
      if (inFlight >= DB_IN_FLIGHT) return false;
      inFlight++;
      const value = stamped(slot, warm, now());
      const p = svc
        .setValue(
          dbContexts[slot % DB_CONTEXTS]!,
          { key: `bench.k${slot % 10}`, contextType: "DATA", contextScope: "PUBLIC", keywords: [] },
          { value, keywords: [] },
        )
        .then(
          () => void this.#committed++,
          (err: unknown) => {
            if (failed++ === 0) note(`setValue failed: ${String(err)}`);
          },
        )
        .finally(() => {
          inFlight--;
          pending.delete(p);
        });
      pending.add(p);
      return true;
    };

    publishSink = variant === "floor" ? null : this.publishMs;
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    try {
      const paced = await pace(writesPerSec, Math.round((warmS + seconds) * writesPerSec), fire);
      await Promise.all(pending);
      const drained = await this.pool.drain(this.#committed * subscribers);
      const cpu = process.cpuUsage(cpu0);
      this.#wallMs += performance.now() - started;
      this.#serverCpuMs += (cpu.user + cpu.system) / 1000;
      this.#drainMs = Math.max(this.#drainMs, drained.ms);
      this.#paced.fired += paced.fired;
      this.#paced.skipped += paced.skipped;
      this.#paced.elapsedMs += paced.elapsedMs + 1000 / writesPerSec;
      this.#paced.maxBehindMs = Math.max(this.#paced.maxBehindMs, paced.maxBehindMs);
      this.#lagged += live.describe().lagged - lagged0;
      this.#rounds++;
    } finally {
      publishSink = null;
    }
    if (failed) throw new Error(`${failed} writes failed`);
  }

  /** Everything the rounds measured; closes the subscribers. */
  async finish(writesPerSec: number): Promise<RunResult> {
    try {
      const report = await this.pool.report();
      return {
        variant: this.variant,
        subscribers: this.subscribers,
        writesPerSec,
        rounds: this.#rounds,
        pace: this.#paced,
        committed: this.#committed,
        report,
        expected: this.#committed * this.subscribers,
        drainMs: this.#drainMs,
        serverCpuPct: (this.#serverCpuMs / this.#wallMs) * 100,
        clientCpuPct: (report.cpuMs / this.#wallMs) * 100,
        serverLagged: this.#lagged,
        serverCpuMs: this.#serverCpuMs,
        loadAvg: sig3(os.loadavg()[0]!),
        publishMs: this.publishMs,
      };
    } finally {
      await this.close();
    }
  }

  close() {
    return this.pool.close().catch(() => this.pool.kill());
  }
}

/** Floor and bus-only at one load, their rounds interleaved (order alternating). */
async function floorAndBus(subscribers: number, writesPerSec: number): Promise<[RunResult, RunResult]> {
  const sessions: Session[] = [];
  try {
    const floor = await Session.open("floor", subscribers);
    sessions.push(floor);
    const viaBus = await Session.open("bus", subscribers);
    sessions.push(viaBus);
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of round % 2 ? [viaBus, floor] : [floor, viaBus])
        await s.round(writesPerSec, RUN_S / ROUNDS, round === 0 ? WARM_S : 0);
    }
    return [await floor.finish(writesPerSec), await viaBus.finish(writesPerSec)];
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
}

/** One variant alone: warm-up, then RUN_S seconds in one round. */
async function alone(variant: Variant, subscribers: number, writesPerSec: number): Promise<RunResult> {
  const session = await Session.open(variant, subscribers);
  try {
    await session.round(writesPerSec, RUN_S, WARM_S);
    return await session.finish(writesPerSec);
  } finally {
    await session.close();
  }
}

/** Writes (events) per second the pacer got through, over the rounds' paced time. */
const achievedRate = (r: RunResult) => (r.pace.fired * 1000) / r.pace.elapsedMs;

const latencyOf = (h: LatencyHistogram) => ({
  p50: sig3(h.quantile(0.5)),
  p90: sig3(h.quantile(0.9)),
  p99: sig3(h.quantile(0.99)),
  p999: sig3(h.quantile(0.999)),
  max: sig3(h.max),
  mean: sig3(h.mean),
  samples: h.count,
});

function printRun(r: RunResult, label: string = r.variant) {
  const load = loadName(r.subscribers, r.writesPerSec);
  const achieved = achievedRate(r);
  const context = {
    variant: label,
    subscribers: r.subscribers,
    offeredWritesPerSec: r.writesPerSec,
    achievedWritesPerSec: sig3(achieved),
    deliveriesPerSec: sig3(achieved * r.subscribers),
    payloadBytes,
    seconds: RUN_S,
    rounds: r.rounds,
  };
  const from = r.variant === "floor" ? "socket.io emit" : "commit complete (stamped as the events reach the bus)";
  const lat = latencyOf(r.report.fromCommit);
  printFigure({ bench, metric: `${label}.${load}.latency.p50`, value: lat.p50, unit: "ms", ...context, from });
  printFigure({
    bench,
    metric: `${label}.${load}.latency.p99`,
    value: lat.p99,
    unit: "ms",
    ...context,
    from,
    p90: lat.p90,
    p999: lat.p999,
    max: lat.max,
    mean: lat.mean,
    samples: lat.samples,
  });
  if (r.variant === "db") {
    const s = latencyOf(r.report.fromStart);
    printFigure({
      bench,
      metric: `${label}.${load}.fromStart.p99`,
      value: s.p99,
      unit: "ms",
      ...context,
      from: "before setValue (lock wait and transaction included)",
      p50: s.p50,
      max: s.max,
    });
  }
  printFigure({
    bench,
    metric: `${label}.${load}.delivered`,
    value: r.report.total,
    unit: "events",
    ...context,
    expected: r.expected,
    perSocketMin: r.report.perSocketMin,
    perSocketMax: r.report.perSocketMax,
    gaps: r.report.gaps,
    repeats: r.report.repeats,
    lagged: Math.max(r.report.lagged, r.serverLagged),
    skippedWrites: r.pace.skipped,
    pacerMaxBehindMs: sig3(r.pace.maxBehindMs),
    drainMs: Math.round(r.drainMs),
    serverCpuPct: Math.round(r.serverCpuPct),
    clientCpuPct: Math.round(r.clientCpuPct),
    // CPU time per delivery is steadier than latency when other work shares the machine.
    serverCpuUsPerDelivery: sig3((r.serverCpuMs * 1000) / Math.max(1, r.report.total)),
    clientCpuUsPerDelivery: sig3((r.report.cpuMs * 1000) / Math.max(1, r.report.total)),
    loadAvg1m: r.loadAvg,
  });
  const pub = latencyOf(r.publishMs);
  printFigure({
    bench,
    metric: `${label}.${load}.publishCall.p99`,
    value: pub.p99,
    unit: "ms",
    ...context,
    of: r.variant === "floor" ? "namespace.emit call" : "bus.publish call (synchronous fan-out: the writer waits)",
    p50: pub.p50,
    max: pub.max,
    calls: pub.samples,
  });
  if (r.report.errors.length) note(`${label} ${load}: ${r.report.errors.join("; ")}`);
  if (r.variant === "db" && r.pace.skipped > 0)
    note(
      `${label} ${load}: the database took ${sig3(achieved)} of ${r.writesPerSec} writes/s (${r.pace.skipped} slots skipped with ${DB_IN_FLIGHT} writes in flight)`,
    );
}

function printRatio(ours: RunResult, floor: RunResult, label: string) {
  const load = loadName(ours.subscribers, ours.writesPerSec);
  const a = ours.report.fromCommit.quantile(0.99);
  const b = floor.report.fromCommit.quantile(0.99);
  const complete =
    ours.report.total === ours.expected &&
    ours.report.gaps === 0 &&
    ours.report.repeats === 0 &&
    ours.report.lagged === 0 &&
    ours.serverLagged === 0;
  printFigure({
    bench,
    metric: `${label}.${load}.p99.ratio`,
    value: Number((a / b).toFixed(2)),
    unit: "ratio",
    of: `p99 ${label} / p99 floor`,
    goal: "<= 2, every event delivered",
    everyEventDelivered: complete,
    floorWritesPerSec: floor.writesPerSec,
    p50Ratio: Number((ours.report.fromCommit.quantile(0.5) / floor.report.fromCommit.quantile(0.5)).toFixed(2)),
  });
  const cpuPerDelivery = (r: RunResult) => (r.serverCpuMs * 1000) / Math.max(1, r.report.total);
  printFigure({
    bench,
    metric: `${label}.${load}.cpuPerDelivery.ratio`,
    value: Number((cpuPerDelivery(ours) / cpuPerDelivery(floor)).toFixed(2)),
    unit: "ratio",
    of: `server CPU µs per delivery, ${label} / floor${label === "db" ? " (ours includes the database writes)" : ""}`,
    goal: "<= 1.3",
    oursUs: sig3(cpuPerDelivery(ours)),
    floorUs: sig3(cpuPerDelivery(floor)),
  });
}

/**
 * Offered deliveries/s rising (bus-only) until a subscriber is lagged, or the server cannot
 * publish the offered rate two steps running. A step is sustained when the offered rate was
 * published (95%), every event delivered and nobody lagged.
 */
async function lagRamp() {
  const pool = SubscriberPool.start(PROCESSES);
  let sustained = { deliveredPerSec: 0, offered: 0, p99: NaN };
  let saturated = { deliveredPerSec: 0, offered: 0, p99: NaN };
  let laggedAt: number | null = null;
  let unmet = 0;
  let stoppedBy = `the ramp's end (${RAMP_DELIVERIES.at(-1)} offered)`;
  try {
    await pool.connect(`${server.baseUrl}/events`, server.adminToken, RAMP_SUBSCRIBERS, { contextIds: [busContext] });
    for (const deliveries of RAMP_DELIVERIES) {
      const rate = deliveries / RAMP_SUBSCRIBERS;
      await pool.reset();
      const lagged0 = live.describe().lagged;
      const cpu0 = process.cpuUsage();
      const started = performance.now();
      let published = 0;
      const paced = await pace(rate, (1 + RAMP_S) * rate, (slot) => {
        bus.publish([
          {
            contextId: busContext,
            revision: ++busRevision,
            op: "updated",
            contextType: "DATA",
            key: `bench.k${slot % 10}`,
            value: stamped(slot, slot < rate, now()),
            time: new Date(),
          },
        ]);
        published++;
        return true;
      });
      const expected = published * RAMP_SUBSCRIBERS;
      const drained = await pool.drain(expected, 1500, 10_000);
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpu0);
      const rep = await pool.report();
      const lagged = Math.max(rep.lagged, live.describe().lagged - lagged0);
      // Deliveries/s as the subscribers saw them: everything they got, over the time it took to get it.
      const deliveredPerSec = (rep.total * 1000) / wallMs;
      const offeredMet = (published * 1000) / (paced.elapsedMs + 1000 / rate) >= 0.95 * rate;
      const lat = latencyOf(rep.fromCommit);
      printFigure({
        bench,
        metric: `lagRamp.${deliveries}`,
        value: sig3(deliveredPerSec),
        unit: "deliveries/s",
        subscribers: RAMP_SUBSCRIBERS,
        offeredDeliveriesPerSec: deliveries,
        publishedPerSec: sig3((published * 1000) / (paced.elapsedMs + 1000 / rate)),
        delivered: rep.total,
        expected,
        lagged,
        p50: lat.p50,
        p99: lat.p99,
        max: lat.max,
        pacerMaxBehindMs: sig3(paced.maxBehindMs),
        drainMs: Math.round(drained.ms),
        serverCpuPct: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
        clientCpuPct: Math.round((rep.cpuMs / wallMs) * 100),
        serverCpuUsPerDelivery: sig3((cpu.user + cpu.system) / Math.max(1, rep.total)),
        loadAvg1m: sig3(os.loadavg()[0]!),
      });
      if (lagged > 0) {
        laggedAt = deliveries;
        stoppedBy = `lagged at ${deliveries} offered`;
        break;
      }
      if (rep.total < expected) {
        stoppedBy = `${expected - rep.total} events undelivered at ${deliveries} offered`;
        break;
      }
      const step = { deliveredPerSec, offered: deliveries, p99: lat.p99 };
      if (offeredMet && deliveredPerSec > sustained.deliveredPerSec) sustained = step;
      if (deliveredPerSec > saturated.deliveredPerSec) saturated = step;
      // The publisher shares the server's event loop: when it cannot keep the offered rate, the
      // server is saturated. One more step shows whether pushing harder brings `lagged`.
      unmet = offeredMet ? 0 : unmet + 1;
      if (unmet === 2) {
        stoppedBy = `the server could not publish the offered rate at ${deliveries} and the step before (no lagged)`;
        break;
      }
    }
  } finally {
    await pool.close().catch(() => pool.kill());
  }
  const context = {
    subscribers: RAMP_SUBSCRIBERS,
    queueLimit: server.app.services.config.LISTENER_QUEUE_LIMIT,
    variant: "bus",
    payloadBytes,
    laggedAt,
    stoppedBy,
  };
  printFigure({
    bench,
    metric: "lagRamp.maxSustained",
    value: sig3(sustained.deliveredPerSec),
    unit: "deliveries/s",
    ...context,
    atOffered: sustained.offered,
    p99: sustained.p99,
    of: "highest step published at the offered rate, every event delivered, none lagged",
  });
  printFigure({
    bench,
    metric: "lagRamp.maxWithoutLagged",
    value: sig3(saturated.deliveredPerSec),
    unit: "deliveries/s",
    ...context,
    atOffered: saturated.offered,
    p99: saturated.p99,
    of: "most deliveries/s received in a step with none lagged and every event delivered (the offer may not have been met: backlog shows in p99)",
  });
}

/**
 * Subscription requests at the limits: one `subscribe` resuming from revision 0 over
 * MAX_SUBSCRIPTION_CONTEXT_IDS contexts (two logged changes each), then one with
 * includeCurrentState over a filter of as many ids (one entry each), while a child process
 * calls GET /api/health at HEALTH_PER_SEC (open loop). The subscribing client runs in this
 * process, so its receiving work also competes with the server's loop.
 */
async function subscribeAtLimits() {
  const N = Number(process.env.LISTENERS_BENCH_LIMIT_IDS ?? MAX_SUBSCRIPTION_CONTEXT_IDS);
  const db = server.app.services.database.prisma;
  const { INSTANCE_ALIAS: instance, backupInstance } = server.app.services.config;
  const t = new Date();
  const first = (await db.contextId.aggregate({ _max: { id: true } }))._max.id! + 1;
  const ids = Array.from({ length: N }, (_, i) => first + i);
  for (let i = 0; i < N; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    await db.contextId.createMany({
      data: chunk.map((id) => ({ id, instance, backupInstance, revision: 2, createTime: t, updateTime: t })),
    });
    await db.contextEntry.createMany({
      data: chunk.map((contextId) => ({
        contextId,
        key: "k",
        contextType: "DATA",
        contextScope: "PUBLIC",
        valueJson: JSON.stringify({ pad: PAD }),
        revision: 2,
      })),
    });
    await db.changeLog.createMany({
      data: chunk.flatMap((contextId) => [
        { contextId, revision: 1, op: "context-created" },
        {
          contextId,
          revision: 2,
          op: "created",
          contextType: "DATA",
          key: "k",
          valueJson: JSON.stringify({ pad: PAD }),
          keywords: "[]",
        },
      ]),
    });
  }
  const publicIds = ids.map((id) => formatPublicId({ id, instance, backupInstance }));
  const readers = new Readers();
  const HEALTH_PER_SEC = 50;
  readers.send({
    type: "start",
    baseUrl: server.baseUrl,
    token: server.adminToken,
    firstId: 0,
    lastId: 0,
    ratePerSec: HEALTH_PER_SEC,
    maxInFlight: 256,
    target: "health",
  });
  await readers.next("started");
  const socket = ioClient(`${server.baseUrl}/events`, {
    auth: { token: server.adminToken },
    transports: ["websocket"],
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  let events = 0;
  let snapshotEnded = false;
  socket.on("event", () => void events++);
  socket.on("snapshot-end", () => void (snapshotEnded = true));
  const until = async (what: string, check: () => boolean) => {
    let last = performance.now();
    while (!check()) {
      await new Promise((r) => setTimeout(r, 20));
      if (performance.now() - last > 10_000) {
        note(`subscribeLimits: waiting for ${what}: ${events} events so far`);
        last = performance.now();
      }
    }
  };
  const timings: Record<string, number> = {};
  try {
    await new Promise((r) => setTimeout(r, 1000));
    readers.send({ type: "phase", name: "idle" });
    await new Promise((r) => setTimeout(r, 3000));

    readers.send({ type: "phase", name: "resume" });
    let t0 = performance.now();
    const resumed = await socket.emitWithAck("subscribe", {
      resume: Object.fromEntries(publicIds.map((id) => [id, 0])),
    });
    if (!resumed.subscriptionId) throw new Error(`resume refused: ${JSON.stringify(resumed)}`);
    await until("the resumed events", () => events >= 2 * N);
    timings.resume = performance.now() - t0;
    await socket.emitWithAck("unsubscribe", { subscriptionId: resumed.subscriptionId });

    readers.send({ type: "phase", name: "snapshot" });
    events = 0;
    t0 = performance.now();
    const snap = await socket.emitWithAck("subscribe", {
      filter: { contextIds: publicIds },
      includeCurrentState: true,
    });
    if (!snap.subscriptionId) throw new Error(`snapshot refused: ${JSON.stringify(snap)}`);
    await until("the snapshot", () => snapshotEnded && events >= N);
    timings.snapshot = performance.now() - t0;
    readers.send({ type: "phase", name: "after" });
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    readers.send({ type: "stop" });
    socket.close();
  }
  const { phases } = await readers.next("report");
  for (const phase of ["idle", "resume", "snapshot"] as const) {
    const h = new LatencyHistogram();
    h.add(phases[phase]!.latency);
    printFigure({
      bench,
      metric: `subscribeLimits.${phase}.health.p99`,
      value: sig3(h.quantile(0.99)),
      unit: "ms",
      goal: phase === "idle" ? undefined : "< 50",
      of:
        phase === "idle"
          ? "GET /api/health with no subscription request running"
          : phase === "resume"
            ? `GET /api/health while one subscribe resumes ${N} contexts from revision 0 (${2 * N} events)`
            : `GET /api/health while one subscribe sends a snapshot of ${N} contexts named in filter.contextIds`,
      p50: sig3(h.quantile(0.5)),
      max: sig3(h.max),
      samples: h.count,
      errors: phases[phase]!.errors,
      requestSeconds: phase === "idle" ? undefined : sig3(timings[phase]! / 1000),
      offeredPerSec: HEALTH_PER_SEC,
    });
  }
}

try {
  note(
    `payload ${payloadBytes} B per event frame; ${RUN_S} s measured per variant and load after ${WARM_S} s warm-up; ${PROCESSES} subscriber process(es)`,
  );
  for (const { subscribers, writesPerSec } of LOADS) {
    let floor: RunResult | undefined;
    if (part("bus")) {
      const [f, viaBus] = await floorAndBus(subscribers, writesPerSec);
      floor = f;
      printRun(floor);
      printRun(viaBus);
      printRatio(viaBus, floor, "bus");
    }
    if (!part("db")) continue;
    const viaDb = await alone("db", subscribers, writesPerSec);
    printRun(viaDb);
    const achieved = Math.round(achievedRate(viaDb));
    if (achieved < 0.9 * writesPerSec || !floor) {
      // The server could not take the rate (or the floor did not run): compare with the floor at the rate it did take.
      const slower = await alone("floor", subscribers, achieved);
      printRun(slower, "floorAtDbRate");
      printRatio(viaDb, slower, "db");
    } else printRatio(viaDb, floor, "db");
  }
  if (part("ramp")) await lagRamp();
  if (part("limits")) await subscribeAtLimits();
} finally {
  killReaders();
  await server.stop();
  await new Promise<void>((resolve) => floorIo.close(() => resolve()));
}
