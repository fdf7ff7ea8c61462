// `npm run lock:check`: would `npm install` on a fresh clone rewrite package-lock.json? CI fails
// when it does. A worktree's own `npm install` cannot tell, because it starts from the installed
// node_modules; this resolves package.json + package-lock.json alone in a scratch folder, as a
// fresh clone does (lockfile only: no tarballs, no install scripts, a few seconds).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

function resolveFresh() {
  const scratch = mkdtempSync(path.join(tmpdir(), "lock-check-"));
  try {
    for (const file of ["package.json", "package-lock.json", ".npmrc"])
      if (existsSync(file)) copyFileSync(file, path.join(scratch, file));
    const npm = spawnSync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], {
      cwd: scratch,
      stdio: ["ignore", "ignore", "inherit"],
    });
    return npm.status === 0 ? readFileSync(path.join(scratch, "package-lock.json"), "utf8") : null;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const committed = readFileSync("package-lock.json", "utf8");
const fresh = resolveFresh();
if (fresh === null) {
  console.error("lock:check: npm could not resolve the lockfile (above).");
  process.exit(1);
}
if (fresh === committed) {
  console.log("lock:check: a fresh npm install leaves package-lock.json as it is.");
  process.exit(0);
}

const before = JSON.parse(committed).packages;
const after = JSON.parse(fresh).packages;
const changes = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
  .map((key) => `  ${!(key in before) ? "added" : !(key in after) ? "removed" : "changed"} ${key || "(root)"}`);
console.error(`lock:check: a fresh npm install would rewrite package-lock.json (${changes.length} entries):`);
console.error(changes.slice(0, 40).join("\n") + (changes.length > 40 ? "\n  …" : ""));
console.error('Fix it as the README says under "Adding a dependency".');
process.exit(1);
