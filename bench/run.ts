/**
 * `npm run bench [-- filter]`: runs every bench/*.bench.ts whose name contains the filter, one
 * after another, each in its own process so one bench's heap does not weigh on the next.
 * Figures are JSON lines on stdout; notes go to stderr.
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { note } from "./lib/figures.ts";

const dir = import.meta.dirname;
const filter = process.argv[2] ?? "";
const all = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();
const chosen = all.filter((f) => f.includes(filter));
if (chosen.length === 0) {
  note(`No bench matches "${filter}". Available: ${all.join(", ")}`);
  process.exit(1);
}

const cpus = os.cpus();
note(
  `node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${new Date().toISOString()}`,
);

function runFile(file: string): Promise<number> {
  return new Promise((resolve) => {
    // --expose-gc lets benches settle the heap before reading it.
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", path.join(dir, file)], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("error", (err) => {
      note(`${file}: ${err.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

let failed = 0;
for (const file of chosen) {
  note(`== ${file}`);
  const started = Date.now();
  const code = await runFile(file);
  note(
    `== ${file}: ${code === 0 ? "done" : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (code !== 0) failed++;
}
process.exit(failed ? 1 : 0);
