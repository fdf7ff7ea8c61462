// The e2e suite runs in the system Chromium; without one, fail loudly instead of skipping.
import { accessSync, constants } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
try {
  accessSync(chromium, constants.X_OK);
} catch {
  console.error(`No Chromium at ${chromium}. The e2e tests need it:`);
  console.error("  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium");
  console.error("  or point CHROMIUM_PATH at a Chromium/Chrome executable.");
  process.exit(1);
}
