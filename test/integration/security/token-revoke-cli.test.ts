import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../../server/auth/tokens.ts";
import { createUser } from "../../../server/auth/users.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

/**
 * `npm run token:revoke` (issue 14 item 5: before, no command or page could take a token back;
 * a revokedAt set by hand took 31 s to bite). The command runs as its own process against the
 * server's database, as an operator runs it; a token the server has not cached is refused on
 * its very next request.
 */
const root = path.resolve(import.meta.dirname, "..", "..", "..");
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const db = () => server.app.services.database.prisma;

/** Runs the command with this server's database; answers its output (it exits 0). */
async function revokeCli(...args: string[]) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts", "token-revoke.ts"), ...args],
    { cwd: root, env: { ...process.env, DATABASE_URL: server.database.url, DATA_DIR: server.database.dataDir } },
  );
  return stdout;
}

const me = (token: string) => server.request("/api/v1/me", { token });

describe("npm run token:revoke", () => {
  it("revokes one token by id, logs a security event, and the server refuses the token", async () => {
    const token = await createToken(db(), "viewer");
    const row = (await db().apiToken.findFirst({ where: { prefix: token.slice(0, 10) } }))!;
    const out = await revokeCli("--id", String(row.id));
    expect(out).toContain(`Revoked ${row.prefix}`);
    expect(out).toMatch(/"log":"security".*"event":"token-revoked".*"by":"cli"/);
    expect((await db().apiToken.findUnique({ where: { id: row.id } }))?.revokedAt).toBeInstanceOf(Date);
    expect((await me(token)).status).toBe(401);
    expect((await me(server.viewerToken)).status).toBe(200);
  });

  it("revokes every token of a user with --user", async () => {
    await createUser(db(), "leaver", "viewer", "leaver-password-1");
    const tokens = [await createToken(db(), "leaver"), await createToken(db(), "leaver")];
    const out = await revokeCli("--user", "leaver");
    for (const token of tokens) expect(out).toContain(token.slice(0, 10)); // each token's shown prefix
    for (const token of tokens) expect((await me(token)).status).toBe(401);
  });
});
