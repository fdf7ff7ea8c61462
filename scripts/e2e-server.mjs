// Starts the production server for the e2e suite on a fresh data folder.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

rmSync(process.env.DATA_DIR, { recursive: true, force: true });
const child = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "server/main.ts", "--production"], { stdio: "inherit" });
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 1));
