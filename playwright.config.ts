import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3217);
const dataDir = process.env.E2E_DATA_DIR ?? "./tmp/e2e-data";

import { chromiumLaunchOptions } from "./e2e/chromium.ts";
import { E2E_ADMIN_PASSWORD, E2E_VIEWER_PASSWORD } from "./e2e/constants.ts";

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    // The production server, started by node itself so its pid is the server's (a wrapper would orphan it on kill).
    command: `node scripts/e2e-server.mjs`,
    url: `http://127.0.0.1:${port}/api/health`,
    // Never reuse: a leftover server would be testing a stale build.
    reuseExistingServer: false,
    timeout: 180_000,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      E2E_VIEWER_PASSWORD,
      DATABASE_URL: "",
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      // A line per request would bury the test report; problems and security events still show.
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      // A sample a second, so the metrics charts have a history within a test's time.
      METRICS_HISTORY_SAMPLE_MS: "1000",
    },
    stdout: "pipe",
    stderr: "pipe",
  },
});
