import { chmodSync, existsSync, mkdirSync } from "node:fs";

/**
 * The data folder holds the SQLite file and the generated AUTH_SECRET: only the server's
 * own user may enter it (0700), even when it existed before with looser bits.
 */
export function ensurePrivateDir(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Makes existing files readable and writable by their owner only (0600). */
export function makePrivate(...files: string[]) {
  for (const file of files) if (existsSync(file)) chmodSync(file, 0o600);
}
