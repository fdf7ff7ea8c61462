// The e2e suite runs in the system Chromium (Playwright must never download its own: the network reaches only the npm registry and apt).
// When it is missing and this machine can install it (apt, as root or with passwordless sudo),
// install Debian's `chromium` package, saying so; otherwise fail with one line saying what to do.
import { accessSync, constants, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const runnable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The command prefix that runs apt-get as root, or null when this machine cannot. */
function aptRunner() {
  if (process.platform !== "linux" || !existsSync("/usr/bin/apt-get")) return null;
  if (process.getuid?.() === 0) return [];
  const sudo = spawnSync("sudo", ["-n", "true"], { stdio: "ignore" });
  return sudo.status === 0 ? ["sudo", "-n"] : null;
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

if (!runnable(chromium)) {
  // An explicit CHROMIUM_PATH is the user's choice: never install something else behind it.
  if (process.env.CHROMIUM_PATH) fail(`No Chromium at CHROMIUM_PATH=${chromium}: point it at a Chromium executable.`);
  const prefix = aptRunner();
  if (!prefix)
    fail(
      `No Chromium at ${chromium}: install your distribution's chromium package (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
    );

  console.log(`No Chromium at ${chromium}: installing Debian's chromium package with apt-get (about a minute)…`);
  const started = Date.now();
  // Another apt run (an engineer's, unattended upgrades) may hold dpkg's lock for a while: wait for it.
  // apt's own chatter goes nowhere; its errors (stderr) stay visible.
  const apt = (...args) => {
    const cmd = [...prefix, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-qq", "-o", "DPkg::Lock::Timeout=300"];
    return spawnSync(cmd[0], [...cmd.slice(1), ...args], { stdio: ["ignore", "ignore", "inherit"] }).status;
  };
  const status = apt("update") || apt("install", "-y", "chromium");
  if (status !== 0 || !runnable(chromium))
    fail(`Installing chromium with apt-get failed: install Debian's chromium package yourself, or set CHROMIUM_PATH.`);
  console.log(`Installed chromium in ${Math.round((Date.now() - started) / 1000)} s.`);
}
