// Starts the production server for the e2e suite on a fresh data folder.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";

rmSync(process.env.DATA_DIR, { recursive: true, force: true });
const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts", "--production"], { stdio: "inherit" });
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 1));
