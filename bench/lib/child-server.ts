import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";

/** A bench server in a child process (bench-server.ts), with its port and what it reported at start. */
export interface ChildServer<T = Record<string, unknown>> {
  port: number;
  info: T;
  /** The child's CPU time so far, in microseconds (user + system). */
  cpuMicros(): Promise<number>;
  stats<S>(): Promise<S>;
  stop(): Promise<void>;
}

/** BENCH_CHILD_ARGS adds node flags to the child (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server). */
export async function startChildServer<T = Record<string, unknown>>(args: string[]): Promise<ChildServer<T>> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, "bench-server.ts"), args, {
    execArgv: ["--import", "tsx", ...(process.env.BENCH_CHILD_ARGS ?? "").split(" ").filter(Boolean)],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const info = await new Promise<T & { port: number }>((resolve, reject) => {
    child.once("message", (m) => resolve(m as T & { port: number }));
    child.once("exit", (code) => reject(new Error(`bench server ${args[0]} exited with ${code}`)));
  });
  const ask = <R>(what: string) =>
    new Promise<R>((resolve) => {
      child.once("message", (m) => resolve((m as Record<string, R>)[what]!));
      child.send(what);
    });
  return {
    port: info.port,
    info,
    async cpuMicros() {
      const { user, system } = await ask<{ user: number; system: number }>("cpu");
      return user + system;
    },
    stats: <S>() => ask<S>("stats"),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.send("exit");
      }),
  };
}
