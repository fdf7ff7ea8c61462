// `npm start` must work right after `npm install`: build when there is no production build,
// or when the sources are newer than it (a failed `next build` leaves .next deleted).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const buildId = path.join(root, ".next", "BUILD_ID");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const sources = ["app", "components", "lib"].map((d) => path.join(root, d)).filter(existsSync);
const stale =
  !existsSync(buildId) ||
  Math.max(...sources.map(newestMtime), statSync(path.join(root, "package.json")).mtimeMs) > statSync(buildId).mtimeMs;
if (stale) {
  console.log(
    existsSync(buildId) ? "Sources changed since the last build: building…" : "No production build yet: building…",
  );
  execFileSync("npm", ["run", "build"], { stdio: "inherit" });
}
