import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");

/** Runs a probe script of this folder in a child node with --expose-gc; returns the JSON it prints. */
export async function runProbe<T>(script: string, args: string[], nodeFlags: string[] = []): Promise<T> {
  const { stdout } = await run(
    process.execPath,
    ["--expose-gc", ...nodeFlags, "--import", "tsx", path.join(import.meta.dirname, script), ...args],
    { cwd: root, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as T;
}
