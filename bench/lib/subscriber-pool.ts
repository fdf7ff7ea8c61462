/**
 * Socket.io subscribers in child processes (./live-subscribers.ts), so their work does not
 * run on the server's event loop. Sockets are split evenly over the children; reports merge.
 * Children are killed when the pool closes, and when this process exits for any reason.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { LatencyHistogram } from "./latency-histogram.ts";
import type { ChildReport, PoolReply, PoolRequest } from "./subscriber-protocol.ts";

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** A request before the pool numbers it. */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
type Request = WithoutId<PoolRequest>;

class Child {
  #next = 0;
  #waiting = new Map<number, { resolve: (r: PoolReply) => void; reject: (e: Error) => void }>();
  readonly exited: Promise<void>;

  constructor(readonly process: ChildProcess) {
    running.add(process);
    process.on("message", (raw) => {
      const reply = raw as PoolReply;
      const w = this.#waiting.get(reply.id);
      if (!w) return;
      this.#waiting.delete(reply.id);
      if (reply.type === "failed") w.reject(new Error(`subscriber process: ${reply.message}`));
      else w.resolve(reply);
    });
    this.exited = new Promise((resolve) =>
      process.once("exit", (code, signal) => {
        running.delete(process);
        for (const w of this.#waiting.values()) w.reject(new Error(`subscriber process exited (${signal ?? code})`));
        this.#waiting.clear();
        resolve();
      }),
    );
  }

  ask<T extends PoolReply["type"]>(request: Request, timeoutMs = 60_000): Promise<Extract<PoolReply, { type: T }>> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        reject(new Error(`subscriber process: no answer to ${request.type} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiting.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r as Extract<PoolReply, { type: T }>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      try {
        this.process.send({ ...request, id });
      } catch (err) {
        this.#waiting.delete(id);
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }
}

export interface PoolReport extends Omit<ChildReport, "fromCommit" | "fromStart" | "cpuUser" | "cpuSystem"> {
  fromCommit: LatencyHistogram;
  fromStart: LatencyHistogram;
  /** CPU time of all children since the last reset, ms. */
  cpuMs: number;
}

export class SubscriberPool {
  private constructor(private readonly children: Child[]) {}

  static start(processes: number): SubscriberPool {
    const script = path.join(import.meta.dirname, "live-subscribers.ts");
    const children = Array.from(
      { length: processes },
      () =>
        new Child(
          spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "inherit", "inherit", "ipc"] }),
        ),
    );
    return new SubscriberPool(children);
  }

  /** Opens `count` connections in all (split over the children); subscribes each with `filter` when given. */
  async connect(url: string, token: string | undefined, count: number, filter?: object) {
    const n = this.children.length;
    const replies = await Promise.all(
      this.children.map((c, i) =>
        c.ask<"connected">(
          { type: "connect", url, token, count: Math.floor(count / n) + (i < count % n ? 1 : 0), filter },
          120_000,
        ),
      ),
    );
    return { ms: Math.max(...replies.map((r) => r.ms)), subscribed: replies.reduce((s, r) => s + r.subscribed, 0) };
  }

  /** The largest clock offset between this process and a child (best of 20 round trips each), ms, with that round trip. */
  async clockOffset() {
    let worst = { offsetMs: 0, rttMs: 0 };
    for (const child of this.children) {
      let best = { offsetMs: 0, rttMs: Infinity };
      for (let i = 0; i < 20; i++) {
        const sent = performance.timeOrigin + performance.now();
        const { at } = await child.ask<"clock">({ type: "clock" });
        const back = performance.timeOrigin + performance.now();
        if (back - sent < best.rttMs) best = { offsetMs: at - (sent + back) / 2, rttMs: back - sent };
      }
      if (Math.abs(best.offsetMs) >= Math.abs(worst.offsetMs)) worst = best;
    }
    return worst;
  }

  async count() {
    const replies = await Promise.all(this.children.map((c) => c.ask<"count">({ type: "count" })));
    return {
      total: replies.reduce((s, r) => s + r.total, 0),
      lagged: replies.reduce((s, r) => s + r.lagged, 0),
      errors: replies.reduce((s, r) => s + r.errors, 0),
    };
  }

  /** Waits until `expected` events arrived in all, or none arrived for `quietMs`, or `maxMs` passed. */
  async drain(expected: number, quietMs = 1500, maxMs = 15_000) {
    const started = performance.now();
    let last = -1;
    let lastChange = started;
    for (;;) {
      const { total } = await this.count();
      const t = performance.now();
      if (total >= expected) return { total, ms: t - started };
      if (total !== last) {
        last = total;
        lastChange = t;
      }
      if (t - lastChange > quietMs || t - started > maxMs) return { total, ms: t - started };
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async reset() {
    await Promise.all(this.children.map((c) => c.ask<"reset">({ type: "reset" })));
  }

  async report(): Promise<PoolReport> {
    const parts = (await Promise.all(this.children.map((c) => c.ask<"report">({ type: "report" })))).map(
      (r) => r.report,
    );
    const fromCommit = new LatencyHistogram();
    const fromStart = new LatencyHistogram();
    for (const p of parts) {
      fromCommit.add(p.fromCommit);
      fromStart.add(p.fromStart);
    }
    const sum = (f: (p: ChildReport) => number) => parts.reduce((s, p) => s + f(p), 0);
    return {
      sockets: sum((p) => p.sockets),
      total: sum((p) => p.total),
      warm: sum((p) => p.warm),
      perSocketMin: Math.min(...parts.map((p) => p.perSocketMin)),
      perSocketMax: Math.max(...parts.map((p) => p.perSocketMax)),
      gaps: sum((p) => p.gaps),
      repeats: sum((p) => p.repeats),
      lagged: sum((p) => p.lagged),
      errors: parts.flatMap((p) => p.errors),
      fromCommit,
      fromStart,
      cpuMs: sum((p) => p.cpuUser + p.cpuSystem) / 1000,
    };
  }

  #closing: Promise<void> | undefined;

  /** Disconnects the sockets, then ends the children (killing any that does not leave in 5 s). Idempotent. */
  close() {
    return (this.#closing ??= this.#close());
  }

  async #close() {
    await Promise.allSettled(this.children.map((c) => c.ask({ type: "close" }, 10_000)));
    for (const c of this.children) if (c.process.connected) c.process.disconnect();
    const killer = setTimeout(() => this.kill(), 5000);
    await Promise.all(this.children.map((c) => c.exited));
    clearTimeout(killer);
  }

  kill() {
    for (const c of this.children)
      if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill("SIGKILL");
  }
}
