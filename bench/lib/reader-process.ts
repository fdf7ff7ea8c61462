import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { ReaderReply, ReaderRequest } from "./cleanup-readers.ts";

const children = new Set<ChildProcess>();

/** Kills every readers child still running (benches call it on the way out, and on a signal). */
export function killReaders() {
  for (const c of children) c.kill("SIGKILL");
}

/** The readers' child process (./cleanup-readers.ts), driven by messages. */
export class Readers {
  readonly #child: ChildProcess;
  readonly #replies: ReaderReply[] = [];
  #wake?: () => void;

  constructor() {
    this.#child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "cleanup-readers.ts")], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.add(this.#child);
    this.#child.on("message", (m) => {
      this.#replies.push(m as ReaderReply);
      this.#wake?.();
    });
    this.#child.once("exit", () => {
      children.delete(this.#child);
      this.#wake?.();
    });
  }

  send(m: ReaderRequest) {
    this.#child.send(m);
  }

  async next<T extends ReaderReply["type"]>(type: T): Promise<Extract<ReaderReply, { type: T }>> {
    for (;;) {
      const i = this.#replies.findIndex((r) => r.type === type);
      if (i >= 0) return this.#replies.splice(i, 1)[0] as Extract<ReaderReply, { type: T }>;
      if (this.#child.exitCode !== null || this.#child.signalCode !== null)
        throw new Error(`reader process exited before "${type}"`);
      await new Promise<void>((r) => (this.#wake = r));
    }
  }
}
