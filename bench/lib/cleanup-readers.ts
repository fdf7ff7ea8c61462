/**
 * Child process of the `cleanup` bench: getContextValue calls over HTTP at a steady offered
 * rate (open loop: a call starts on schedule whether or not earlier ones have answered, so a
 * stalled server shows up as latency rather than as fewer calls), each for a random existing
 * entry of a random context in [firstId, lastId]. Latency is from the call's start to the end
 * of its answer. The parent names phases (`idle`, `clear`, ...); each call counts in the phase
 * it started in. It lives in its own process so the server's synchronous work (SQLite) delays
 * the calls, not the clock that times them.
 */
import { formatPublicId } from "../../server/core/public-id.ts";
import { ENTRIES, INSTANCE, entryKey, entryType } from "./cleanup-rows.ts";
import { LatencyHistogram, type HistogramData } from "./latency-histogram.ts";
import { randomInt, seededRandom } from "./prng.ts";

export interface ReaderStart {
  type: "start";
  baseUrl: string;
  token: string;
  firstId: number;
  lastId: number;
  ratePerSec: number;
  maxInFlight: number;
  /** What to call: getContextValue on a seeded entry (default), or GET /api/health. */
  target?: "getContextValue" | "health";
}
export type ReaderRequest = ReaderStart | { type: "phase"; name: string } | { type: "stop" };

export interface PhaseReport {
  latency: HistogramData;
  calls: number;
  /** Answers other than HTTP 200 with a value, and network errors. */
  errors: number;
  firstError?: string;
  /** Slots not fired because maxInFlight calls were already waiting. */
  skipped: number;
  ms: number;
}
export type ReaderReply = { type: "started" } | { type: "report"; phases: Record<string, PhaseReport> };

class Phase {
  latency = new LatencyHistogram();
  calls = 0;
  errors = 0;
  firstError?: string;
  skipped = 0;
  readonly started = performance.now();
  ended?: number;

  report(): PhaseReport {
    return {
      latency: this.latency.data(),
      calls: this.calls,
      errors: this.errors,
      firstError: this.firstError,
      skipped: this.skipped,
      ms: (this.ended ?? performance.now()) - this.started,
    };
  }
}

const send = (reply: ReaderReply) => process.send!(reply);

async function run(o: ReaderStart) {
  const random = seededRandom(6);
  const phases = new Map<string, Phase>([["warmup", new Phase()]]);
  let phase = phases.get("warmup")!;
  let stopping = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const url = `${o.baseUrl}/api/rest_j/v1/contextservice/getContextValue`;
  const headers = { authorization: `Bearer ${o.token}`, "content-type": "application/json" };

  process.on("message", (raw) => {
    const m = raw as ReaderRequest;
    if (m.type === "phase") {
      phase.ended = performance.now();
      phases.set(m.name, (phase = new Phase()));
    } else if (m.type === "stop") stopping = true;
  });

  /** Times one request into the phase: `send` throws when the answer is not the expected one. */
  async function timed(p: Phase, send: () => Promise<void>) {
    const t0 = performance.now();
    p.calls++;
    try {
      await send();
      p.latency.record(performance.now() - t0);
    } catch (err) {
      p.errors++;
      p.firstError ??= (err as Error).message;
    } finally {
      if (--inFlight === 0) drained?.();
    }
  }

  async function call(p: Phase) {
    if (o.target === "health")
      return timed(p, async () => {
        const res = await fetch(`${o.baseUrl}/api/health`);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      });
    const id = o.firstId + randomInt(random, o.lastId - o.firstId + 1);
    const j = randomInt(random, ENTRIES);
    const body = JSON.stringify({
      contextID: formatPublicId({ instance: INSTANCE, backupInstance: INSTANCE, id }),
      contextKey: { key: entryKey(id, j), contextType: entryType(j) },
    });
    return timed(p, async () => {
      const res = await fetch(url, { method: "POST", headers, body });
      const json = (await res.json()) as { data?: { contextValue?: unknown } };
      if (res.status !== 200 || !json.data?.contextValue)
        throw new Error(`HTTP ${res.status}: ${JSON.stringify(json).slice(0, 200)}`);
    });
  }

  send({ type: "started" });
  const start = performance.now();
  let slot = 0;
  while (!stopping) {
    const due = Math.floor(((performance.now() - start) * o.ratePerSec) / 1000) + 1;
    for (; slot < due; slot++) {
      if (inFlight >= o.maxInFlight) {
        phase.skipped++;
        continue;
      }
      inFlight++;
      void call(phase);
    }
    await new Promise((r) => setTimeout(r, Math.max(1, (slot * 1000) / o.ratePerSec - (performance.now() - start))));
  }
  phase.ended = performance.now();
  if (inFlight > 0) await new Promise<void>((r) => (drained = r));
  send({ type: "report", phases: Object.fromEntries([...phases].map(([name, p]) => [name, p.report()])) });
  if (process.connected) process.disconnect();
}

// Without the parent (it crashed or was killed) there is nobody to report to: stop.
process.once("disconnect", () => process.exit(0));
process.once("message", (raw) => {
  const m = raw as ReaderRequest;
  if (m.type !== "start") throw new Error(`expected start, got ${m.type}`);
  run(m).catch((err) => {
    console.error("[readers]", err);
    process.exit(1);
  });
});
