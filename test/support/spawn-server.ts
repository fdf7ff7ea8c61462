import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/**
 * Runs the real entry point (server/main.ts) as its own process, so the pid we signal is the
 * server's own (npx or the tsx CLI would leave a child behind, see STACK.md).
 */
const children = new Set<ChildProcess>();
// A test that fails or times out must not leave its server running.
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));

export function spawnServer(env: Record<string, string>, args = ["--no-dashboard"]): ServerProcess {
  // node itself with tsx's loader, not the tsx CLI: the CLI is a wrapper, and a SIGKILL to it
  // would orphan the real server instead of killing it.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server", "main.ts"), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  children.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, output: () => out, exited };
}

/** Waits until the server prints its address; returns the base URL. */
export async function waitForListening(proc: ServerProcess, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const m = /on (http:\/\/localhost:\d+)/.exec(proc.output());
    if (m) return m[1]!.replace("localhost", "127.0.0.1");
    if (proc.child.exitCode !== null) throw new Error(`server exited early:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start in time:\n${proc.output()}`);
}
