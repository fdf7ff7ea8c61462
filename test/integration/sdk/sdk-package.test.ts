import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestServer } from "../../support/with-test-server.ts";

/**
 * The SDK as another Node project gets it: `npm pack` of client/ (its prepack runs the build),
 * the tarball unpacked into a throwaway project's node_modules, then that project type-checks
 * against the published declarations and calls a real server through the package.
 */
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..", "..");
const repoModules = path.join(root, "node_modules");
const t = withTestServer();
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "sdk-package-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the SDK package", () => {
  it("packs with built JavaScript and types only, and a throwaway project imports it, type-checks and calls a server", async () => {
    // A copy of client/ packs, so the SQLite and PostgreSQL runs of this file never share a dist/ folder.
    const pkg = path.join(scratch, "pkg");
    cpSync(path.join(root, "client"), pkg, { recursive: true, filter: (src) => !src.includes(`${path.sep}dist`) });
    symlinkSync(repoModules, path.join(pkg, "node_modules"), "dir");
    const npmEnv = { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false" };
    await run("npm", ["pack", "--pack-destination", scratch], { cwd: pkg, env: npmEnv });
    const tarball = readdirSync(scratch).find((f) => f.endsWith(".tgz"))!;
    expect(tarball).toBe("context-service-client-0.1.0.tgz");

    const app = path.join(scratch, "app");
    const installed = path.join(app, "node_modules", "context-service-client");
    mkdirSync(installed, { recursive: true });
    await run("tar", ["xzf", path.join(scratch, tarball), "-C", installed, "--strip-components=1"]);
    const files = (await run("find", [".", "-type", "f"], { cwd: installed })).stdout.split("\n").filter(Boolean);
    expect(files.sort()).toEqual(
      ["index", "live-client", "rest-client", "contract/context-kinds", "contract/live-events"]
        .flatMap((f) => [`./dist/${f}.d.ts`, `./dist/${f}.js`])
        .concat("./package.json")
        .sort(),
    );
    // Its one dependency, as npm would have installed it beside the package.
    symlinkSync(path.join(repoModules, "socket.io-client"), path.join(app, "node_modules", "socket.io-client"), "dir");

    writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "throwaway", type: "module", private: true }));
    writeFileSync(
      path.join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          strict: true,
          noEmit: true,
          // The consumer uses no ambient types; the package's own declarations are what is checked.
          types: [],
          skipLibCheck: true,
        },
        include: ["consumer.ts"],
      }),
    );
    writeFileSync(
      path.join(app, "consumer.ts"),
      `import { ContextServiceClient, LiveSubscriber, type ContextHistory, type TimeBounds } from "context-service-client";
const client = new ContextServiceClient({ baseUrl: "http://127.0.0.1:1", token: "t" });
const cleared: Promise<number> = client.batchClearContextByTime({ createTimeStart: new Date() } satisfies TimeBounds);
const histories: Promise<ContextHistory[]> = client.searchHistory("id", ["kw"]);
// @ts-expect-error the published types say what a call answers
const wrong: Promise<string> = client.batchClearContextByHAID(["id"]);
export { cleared, histories, wrong, LiveSubscriber };
`,
    );
    await run(process.execPath, [path.join(repoModules, "typescript", "bin", "tsc"), "-p", app]);

    writeFileSync(
      path.join(app, "main.mjs"),
      `import { ContextServiceClient } from "context-service-client";
const client = new ContextServiceClient({ baseUrl: process.env.BASE_URL, token: process.env.TOKEN });
const id = await client.createContext({ user: "throwaway" });
await client.setValue(id, { key: "k", contextType: "DATA" }, { value: { ok: true } });
const value = await client.getValue(id, { key: "k", contextType: "DATA" });
const cleared = await client.batchClearContextByHAID([id]);
console.log(JSON.stringify({ value, cleared }));
`,
    );
    const { stdout } = await run(process.execPath, ["main.mjs"], {
      cwd: app,
      env: { ...process.env, BASE_URL: t.server.baseUrl, TOKEN: t.server.adminToken },
    });
    expect(JSON.parse(stdout)).toEqual({ value: { value: { ok: true }, keywords: [] }, cleared: 1 });
  });
});
