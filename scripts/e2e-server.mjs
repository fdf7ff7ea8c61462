// Starts the production server for the e2e suite on a fresh data folder.
// With E2E_VIEWER_PASSWORD it first creates the users `admin` and `viewer`: the server only
// creates admin on its own when there are no users at all.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

rmSync(process.env.DATA_DIR, { recursive: true, force: true });
if (process.env.E2E_VIEWER_PASSWORD) {
  for (const [user, role, password] of [
    ["admin", "admin", process.env.ADMIN_PASSWORD],
    ["viewer", "viewer", process.env.E2E_VIEWER_PASSWORD],
  ]) {
    const args = ["--import", "tsx", "scripts/user-create.ts", "--user", user, "--role", role, "--password", password];
    const created = spawnSync(process.execPath, args, { stdio: "inherit" });
    if (created.status !== 0) process.exit(created.status ?? 1);
  }
}
const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts", "--production"], { stdio: "inherit" });
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 1));
