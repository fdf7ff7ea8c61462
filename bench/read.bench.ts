/**
 * Issue 11's read benchmark: cached `getContextValue` over HTTP (the real server, token auth,
 * body parsing, envelope) against a bare node:http server that reads the request body and
 * answers the very same bytes. Both run in child processes; one raw-socket load generator
 * (this process, 32 keep-alive connections) drives them in alternating rounds.
 * BENCH_READ_ROUNDS (default 3 per side) and BENCH_READ_ROUND_MS (default 5000) size the run.
 *
 * A third side calibrates the ratio: the floor again, burning BENCH_READ_WORK_US (default 20; 0
 * leaves it out) of CPU per request before answering. On a 2-core machine the load generator and
 * the server share the cores, so reads/s falls much faster than CPU per read rises; what the
 * floor itself reaches with a little work per request says what a ratio can mean.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startChildServer, type ChildServer } from "./lib/child-server.ts";
import { median, note, noteLoad, printFigure, sig3 } from "./lib/figures.ts";
import { HttpLoad, postRequest, type LoadRound } from "./lib/http-load.ts";
import { randomInt, seededRandom } from "./lib/prng.ts";

const bench = "read";
const CONNECTIONS = 32;
const CONTEXTS = 100;
const KEYS = 10;
const ROUNDS = Number(process.env.BENCH_READ_ROUNDS ?? 3);
const ROUND_MS = Number(process.env.BENCH_READ_ROUND_MS ?? 5000);
const WORK_US = Number(process.env.BENCH_READ_WORK_US ?? 20);
const PATH = "/api/rest_j/v1/contextservice/getContextValue";

const random = seededRandom(0x5eed_0012);
const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ";
const value = Array.from({ length: 300 }, () => alphabet[randomInt(random, alphabet.length)]).join("");

noteLoad("start");
const dir = mkdtempSync(path.join(os.tmpdir(), "cs-bench-read-"));
const ours = await startChildServer<{ token: string }>(["ours", `file:${path.join(dir, "ours.db")}`, dir]);
const headers = { authorization: `Bearer ${ours.info.token}`, "content-type": "application/json" };
const call = async (name: string, body: unknown) => {
  const res = await fetch(`http://127.0.0.1:${ours.port}/api/rest_j/v1/contextservice/${name}`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
};

// 100 contexts × 10 keys, every one written once (so cached) with the same ~300-byte value.
const ids: string[] = [];
for (let c = 0; c < CONTEXTS; c++) {
  const { text } = await call("createContextID", { contextID: { user: "bench" } });
  const id = JSON.parse(text).data.contextId as string;
  ids.push(id);
  for (let k = 0; k < KEYS; k++)
    await call("setValueByKey", {
      contextID: id,
      contextKey: { key: `key${k}`, contextType: "DATA", contextScope: "PUBLIC" },
      contextValue: { value },
    });
}
const bodies = ids.flatMap((id) =>
  Array.from({ length: KEYS }, (_, k) =>
    JSON.stringify({ contextID: id, contextKey: { key: `key${k}`, contextType: "DATA" } }),
  ),
);
// The floor answers exactly what ours answers for one of these reads.
const sample = await call("getContextValue", JSON.parse(bodies[0]!));
if (sample.status !== 200) throw new Error(`getContextValue answered ${sample.status}: ${sample.text}`);
const floor = await startChildServer(["floor-read", sample.text]);
const floorWork = WORK_US > 0 ? await startChildServer(["floor-read", sample.text, String(WORK_US)]) : null;
note(`answer: ${Buffer.byteLength(sample.text)} bytes`);

const requests = (extra: Record<string, string>) => {
  const draws = Array.from({ length: CONNECTIONS }, (_, i) => seededRandom(0x5eed_2200 + i));
  const prebuilt = bodies.map((b) => postRequest(PATH, b, extra));
  return (connection: number) => prebuilt[randomInt(draws[connection]!, prebuilt.length)]!;
};

interface Side {
  name: "ours" | "floor" | "floorWork";
  server: ChildServer<unknown>;
  load: HttpLoad;
  rounds: (LoadRound & { cpuPerReadUs: number; cores: number })[];
}
const sides: Side[] = [
  { name: "floor", server: floor, load: await HttpLoad.open(floor.port, CONNECTIONS, requests({})), rounds: [] },
  {
    name: "ours",
    server: ours,
    load: await HttpLoad.open(ours.port, CONNECTIONS, requests({ authorization: headers.authorization })),
    rounds: [],
  },
];
if (floorWork)
  sides.splice(1, 0, {
    name: "floorWork",
    server: floorWork,
    load: await HttpLoad.open(floorWork.port, CONNECTIONS, requests({})),
    rounds: [],
  });
try {
  for (const side of sides) await side.load.run(Math.min(2000, ROUND_MS));
  for (let r = 0; r < ROUNDS; r++) {
    for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
      const cpu0 = await side.server.cpuMicros();
      const round = await side.load.run(ROUND_MS);
      const cpu = (await side.server.cpuMicros()) - cpu0;
      const measured = { ...round, cpuPerReadUs: cpu / Math.max(1, round.requests), cores: cpu / 1e6 / round.seconds };
      side.rounds.push(measured);
      note(
        `${side.name} round ${r + 1}: ${round.perSecond.toFixed(0)} reads/s, p99 ${round.p99Ms.toFixed(2)} ms, ` +
          `${measured.cpuPerReadUs.toFixed(1)} µs CPU/read, ${measured.cores.toFixed(2)} cores, ${round.errors} errors, load ${os.loadavg()[0]!.toFixed(1)}`,
      );
    }
  }
  const context = {
    connections: CONNECTIONS,
    contexts: CONTEXTS,
    keys: KEYS,
    rounds: ROUNDS,
    roundMs: ROUND_MS,
    workUs: WORK_US,
  };
  const rate: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  for (const side of sides) {
    rate[side.name] = median(side.rounds.map((x) => x.perSecond));
    cpu[side.name] = median(side.rounds.map((x) => x.cpuPerReadUs));
    const errors = side.rounds.reduce((n, x) => n + x.errors, 0);
    printFigure({
      bench,
      metric: `${side.name}.readsPerSec`,
      value: sig3(rate[side.name]!),
      unit: "reads/s",
      errors,
      ...context,
    });
    printFigure({
      bench,
      metric: `${side.name}.p99`,
      value: sig3(median(side.rounds.map((x) => x.p99Ms))),
      unit: "ms",
      ...context,
    });
    printFigure({ bench, metric: `${side.name}.cpuPerRead`, value: sig3(cpu[side.name]!), unit: "µs", ...context });
    printFigure({
      bench,
      metric: `${side.name}.cores`,
      value: sig3(median(side.rounds.map((x) => x.cores))),
      unit: "cores",
      ...context,
    });
  }
  printFigure({
    bench,
    metric: "ratio.readsPerSec",
    value: Number((rate.ours! / rate.floor!).toFixed(3)),
    unit: "ratio",
    of: "ours/floor",
    goal: ">= 0.8",
    ...context,
  });
  if (floorWork)
    printFigure({
      bench,
      metric: "calibration.readsPerSec",
      value: Number((rate.floorWork! / rate.floor!).toFixed(3)),
      unit: "ratio",
      of: `floor with ${WORK_US} µs of CPU per request / floor`,
      ...context,
    });
  printFigure({
    bench,
    metric: "ratio.cpuPerRead",
    value: Number((cpu.ours! / cpu.floor!).toFixed(3)),
    unit: "ratio",
    of: "ours/floor (lower is cheaper)",
    ...context,
  });
} finally {
  for (const side of sides) side.load.close();
  await ours.stop();
  await floor.stop();
  await floorWork?.stop();
  rmSync(dir, { recursive: true, force: true });
  noteLoad("end");
}
