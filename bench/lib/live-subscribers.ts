/**
 * Child process of bench/listeners.bench.ts: opens N separate socket.io-client connections
 * (websocket transport, one engine.io connection each) to one server, optionally subscribes
 * each on `/events`, and records for every `event` it receives how long after its stamps it
 * arrived. Driven over IPC by SubscriberPool (./subscriber-pool.ts).
 *
 * Clock: `performance.timeOrigin + performance.now()` here and in the sender, so sub-ms
 * differences between the two processes are comparable (the pool measures the offset).
 */
import { io, type Socket } from "socket.io-client";
import { LatencyHistogram } from "./latency-histogram.ts";
import type { ChildReport, PoolReply, PoolRequest, Stamped } from "./subscriber-protocol.ts";

const now = () => performance.timeOrigin + performance.now();
const send = (m: PoolReply) => process.send!(m);

let sockets: Socket[] = [];
let received = new Int32Array(0);
/** Per socket, per context: the last revision received (order is per context). */
let lastRevision: Map<string, number>[] = [];
let gaps = 0;
let repeats = 0;
let lagged = 0;
let errors: string[] = [];
let total = 0;
let warm = 0;
let fromCommit = new LatencyHistogram();
let fromStart = new LatencyHistogram();
let cpuMark = process.cpuUsage();

function onEvent(i: number, e: { contextId: string; revision: number; value: Stamped }) {
  const t = now();
  total++;
  received[i]++;
  const last = lastRevision[i]!.get(e.contextId);
  if (last !== undefined && e.revision !== last + 1) {
    if (e.revision <= last) repeats++;
    else gaps++;
  }
  lastRevision[i]!.set(e.contextId, e.revision);
  const v = e.value;
  if (v.w) {
    warm++;
    return;
  }
  fromCommit.record(t - v.tc);
  fromStart.record(t - v.t0);
}

async function connect(url: string, token: string | undefined, count: number, filter: object | undefined) {
  received = new Int32Array(count);
  lastRevision = Array.from({ length: count }, () => new Map<string, number>());
  let subscribed = 0;
  const WAVE = 100; // connect in waves so a thousand handshakes do not time out together
  for (let from = 0; from < count; from += WAVE) {
    const wave: Promise<void>[] = [];
    for (let i = from; i < Math.min(count, from + WAVE); i++) {
      const socket = io(url, {
        auth: token ? { token } : undefined,
        transports: ["websocket"],
        forceNew: true,
        reconnection: false,
        timeout: 20_000,
      });
      sockets.push(socket);
      socket.on("event", (e: { contextId: string; revision: number; value: Stamped }) => onEvent(i, e));
      socket.on("lagged", () => void lagged++);
      socket.on("error", (m: { message?: string }) => void errors.push(`socket ${i}: ${m?.message ?? String(m)}`));
      socket.on("disconnect", (reason) => {
        if (reason !== "io client disconnect") errors.push(`socket ${i} disconnected: ${reason}`);
      });
      wave.push(
        new Promise<void>((resolve, reject) => {
          socket.once("connect_error", (err) => reject(new Error(`socket ${i}: ${err.message}`)));
          socket.once("connect", () => {
            if (!filter) return resolve();
            socket.emit("subscribe", { filter }, (answer: { subscriptionId?: string; error?: string }) => {
              if (answer.error) return reject(new Error(`subscribe ${i}: ${answer.error}`));
              subscribed++;
              resolve();
            });
          });
        }),
      );
    }
    await Promise.all(wave);
  }
  return subscribed;
}

function reset() {
  received.fill(0);
  gaps = repeats = lagged = total = warm = 0;
  errors = [];
  fromCommit = new LatencyHistogram();
  fromStart = new LatencyHistogram();
  cpuMark = process.cpuUsage();
}

function report(): ChildReport {
  let min = Infinity;
  let max = 0;
  for (const r of received) {
    min = Math.min(min, r);
    max = Math.max(max, r);
  }
  const cpu = process.cpuUsage(cpuMark);
  return {
    sockets: sockets.length,
    total,
    warm,
    perSocketMin: min,
    perSocketMax: max,
    gaps,
    repeats,
    lagged,
    errors: errors.slice(0, 10),
    fromCommit: fromCommit.data(),
    fromStart: fromStart.data(),
    cpuUser: cpu.user,
    cpuSystem: cpu.system,
  };
}

async function handle(m: PoolRequest): Promise<PoolReply> {
  switch (m.type) {
    case "connect": {
      const started = now();
      const subscribed = await connect(m.url, m.token, m.count, m.filter);
      return { type: "connected", id: m.id, ms: now() - started, subscribed };
    }
    case "clock":
      return { type: "clock", id: m.id, at: now() };
    case "count":
      return { type: "count", id: m.id, total, lagged, errors: errors.length };
    case "reset":
      reset();
      return { type: "reset", id: m.id };
    case "report":
      return { type: "report", id: m.id, report: report() };
    case "close":
      for (const s of sockets) s.disconnect();
      sockets = [];
      return { type: "closed", id: m.id };
  }
}

process.on("message", (m: PoolRequest) => {
  handle(m).then(send, (err: unknown) =>
    send({ type: "failed", id: m.id, message: err instanceof Error ? err.message : String(err) }),
  );
});

// The parent going away (even killed) closes the IPC channel: leave with it.
process.on("disconnect", () => process.exit(0));
