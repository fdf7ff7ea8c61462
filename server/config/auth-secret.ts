import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "./config-error.ts";
import { ensurePrivateDir } from "./private-files.ts";

/**
 * AUTH_SECRET signs session cookies. When it is not set we generate one and keep it in the
 * data folder, so sessions survive a restart without any configuration.
 */
export function resolveAuthSecret(given: string | undefined, dataDir: string): string {
  if (given) return given;
  const file = path.join(dataDir, "auth-secret");
  try {
    if (existsSync(file)) return readFileSync(file, "utf8").trim();
    ensurePrivateDir(dataDir);
    const secret = randomBytes(48).toString("base64url");
    writeFileSync(file, secret + "\n", { mode: 0o600 });
    return secret;
  } catch (err) {
    throw new ConfigError(
      `Cannot keep the generated AUTH_SECRET in ${file} (${(err as NodeJS.ErrnoException).code ?? err}): make DATA_DIR writable or set AUTH_SECRET.`,
    );
  }
}
