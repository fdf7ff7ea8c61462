// `npm test`: every test, in order — typecheck, lint, format, import rules, unit + integration (SQLite; PostgreSQL
// when TEST_DATABASE_URL is set), then e2e in system Chromium. Ends with one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

mkdirSync("tmp", { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const failures = [];
const counts = { passed: 0, failed: 0, skipped: 0 };

function step(name, cmd, args) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  const ok = r.status === 0;
  console.log(`${ok ? "✔" : "✘"} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failures.push(name);
  return ok;
}

const bin = (name) => `node_modules/.bin/${name}`;

if (!step("Chromium for e2e", "node", ["scripts/ensure-chromium.mjs"])) process.exit(1);
if (!process.env.TEST_DATABASE_URL)
  console.log("\nNote: TEST_DATABASE_URL is not set, so integration tests run on SQLite only.");

step("typecheck", bin("tsc"), ["--noEmit"]);
step("lint", bin("eslint"), ["--max-warnings=0", "."]);
step("format", bin("prettier"), ["--check", "--log-level=warn", "."]);
step("import rules (docs/ARCHITECTURE.md)", bin("tsx"), ["scripts/check-imports.ts"]);

rmSync("tmp/vitest.json", { force: true });
step("unit and integration tests", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=tmp/vitest.json",
]);
if (existsSync("tmp/vitest.json")) {
  const r = JSON.parse(readFileSync("tmp/vitest.json", "utf8"));
  counts.passed += r.numPassedTests;
  counts.failed += r.numFailedTests;
  counts.skipped += r.numPendingTests + r.numTodoTests;
}

if (step("production build for e2e", "node", ["scripts/ensure-build.mjs"])) {
  rmSync("tmp/playwright.json", { force: true });
  env.PLAYWRIGHT_JSON_OUTPUT_NAME = "tmp/playwright.json";
  step("e2e tests (Chromium)", bin("playwright"), ["test", "--reporter=list,json"]);
  if (existsSync("tmp/playwright.json")) {
    const s = JSON.parse(readFileSync("tmp/playwright.json", "utf8")).stats;
    counts.passed += s.expected;
    counts.failed += s.unexpected + s.flaky;
    counts.skipped += s.skipped;
  }
}

console.log(failures.length ? `\nFailed steps: ${failures.join(", ")}` : "\nAll steps passed.");
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
