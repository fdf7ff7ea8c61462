import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  /** The `msg` of each JSON log line (a line that is not JSON as it is), for matching what the server said. */
  messages(): string[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/**
 * Runs the real entry point (server/main.ts) as its own process, so the pid we signal is the
 * server's own (npx or the tsx CLI would run it as a child, and a signal to the wrapper would leave it behind).
 */
const children = new Set<ChildProcess>();
// A test that fails or times out must not leave its server running.
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));

export function spawnServer(env: Record<string, string>, args = ["--no-dashboard"]): ServerProcess {
  // node itself with tsx's loader, not the tsx CLI: the CLI is a wrapper, and a SIGKILL to it
  // would orphan the real server instead of killing it.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server", "main.ts"), ...args], {
    cwd: root,
    // info whatever the test run's LOG_LEVEL: waitForListening reads the startup line.
    env: { ...process.env, LOG_LEVEL: "info", ...env },
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
  return { child, output: () => out, messages: () => messagesOf(out), exited };
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

function messagesOf(output: string): string[] {
  return output
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => {
      try {
        const parsed = JSON.parse(line) as { msg?: unknown };
        return typeof parsed.msg === "string" ? parsed.msg : line;
      } catch {
        return line;
      }
    });
}
