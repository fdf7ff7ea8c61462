// The committed lockfile must be what `npm install` on a fresh clone leaves as it is (CI fails
// otherwise). npm 11 resolves every dependency edge the lock leaves dangling, optional platform
// packages included, and writes the result back: 17 missing unrs-resolver bindings once made
// every fresh clone dirty by 239 lines. These checks find such holes offline and at once;
// `npm run lock:check` asks npm itself.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type Deps = Record<string, string>;
type Entry = {
  dependencies?: Deps;
  devDependencies?: Deps;
  optionalDependencies?: Deps;
  peerDependencies?: Deps;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as Entry;
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
  lockfileVersion: number;
  packages: Record<string, Entry>;
};

/** Node's lookup from the package installed at `from`: its own node_modules, then each parent's. */
function resolves(packages: Record<string, Entry>, from: string, name: string): boolean {
  let dir = from;
  for (;;) {
    if (`${dir ? `${dir}/` : ""}node_modules/${name}` in packages) return true;
    if (!dir) return false;
    const parent = dir.lastIndexOf("/node_modules/");
    dir = parent < 0 ? "" : dir.slice(0, parent);
  }
}

/** Every dependency a full install of `packages` needs that the lock has no entry for, as "from -> name". */
function danglingEdges(packages: Record<string, Entry>): string[] {
  const missing: string[] = [];
  for (const [path, entry] of Object.entries(packages)) {
    const requiredPeers = Object.keys(entry.peerDependencies ?? {}).filter(
      (name) => !entry.peerDependenciesMeta?.[name]?.optional,
    );
    const names = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...(path === "" ? Object.keys(entry.devDependencies ?? {}) : []),
      ...requiredPeers,
    ];
    for (const name of names) if (!resolves(packages, path, name)) missing.push(`${path || "(root)"} -> ${name}`);
  }
  return missing;
}

describe("package-lock.json", () => {
  it("is npm 11's format", () => {
    expect(lock.lockfileVersion).toBe(3);
  });

  it("records package.json's dependencies as they are (add them with npm install --save-exact)", () => {
    const root = lock.packages[""];
    for (const field of ["dependencies", "devDependencies", "optionalDependencies"] as const)
      expect(root[field] ?? {}, field).toEqual(pkg[field] ?? {});
  });

  it("has an entry for every dependency, every platform's optional packages included", () => {
    expect(danglingEdges(lock.packages)).toEqual([]);
  });

  it("would catch the lock that lacked unrs-resolver's platform bindings", () => {
    const holed = { ...lock.packages };
    delete holed["node_modules/@unrs/resolver-binding-darwin-arm64"];
    expect(danglingEdges(holed)).toEqual(["node_modules/unrs-resolver -> @unrs/resolver-binding-darwin-arm64"]);
  });
});
