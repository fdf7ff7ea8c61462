// `npm run check:imports`. The import rules of server/ (docs/ARCHITECTURE.md, "What may import what"), checked over every
// import, `export … from` and `import()` — type-only ones included, since they tie the files together
// just the same. Run by `npm test`; exits 1 and names each offending import.
//
//   core/          imports nothing else in server/
//   config/        core
//   persistence/   core, config
//   http/          core
//   a domain       core, config, persistence, http, and another domain only through its index.ts
//   server/*.ts    (wiring: app, engine, routes, main) anything; no folder imports them
//
// client/contract/ (the wire contract shared by server, dashboard and SDK, shipped in the SDK's
// package) imports only client/contract/: no server/ file, no package, so the SDK needs nothing more.
//
// On top: the folder graph of server/ has no cycle, nor has the graph of its files at run time
// (`import type` is left out there: it is erased, so an interface file and its implementations
// may name each other), and a file never imports its own domain's index.ts (a cycle through the barrel).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = "server";
const CONTRACT = path.join("client", "contract");
const SKIP = [path.join(ROOT, "persistence", "generated")];
const LAYERS: Record<string, string[]> = {
  core: [],
  config: ["core"],
  persistence: ["core", "config"],
  http: ["core"],
};
const DOMAIN_MAY_USE = ["core", "config", "persistence", "http"];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (SKIP.includes(p)) return [];
    if (d.isDirectory()) return walk(p);
    return /\.(ts|tsx|mts)$/.test(d.name) ? [p] : [];
  });
}

// `import … from "x"` (over several lines too), `import "x"`, `export … from "x"`; group 1 marks `import type`.
const STATIC_RE = /^[ \t]*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s*)?["']([^"']+)["']/gm;
const DYNAMIC_RE = /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g;

/** Every import of a source text, with whether it is type-only (erased at run time). */
function importsOf(text: string): { spec: string; typeOnly: boolean }[] {
  return [
    ...[...text.matchAll(STATIC_RE)].map((m) => ({ spec: m[2]!, typeOnly: Boolean(m[1]) })),
    ...[...text.matchAll(DYNAMIC_RE)].map((m) => ({ spec: m[1]!, typeOnly: false })),
  ];
}

/** The folder a file belongs to: its first folder under server/, or "wiring" for server/*.ts. */
const roomOf = (file: string) => {
  const parts = path.relative(ROOT, file).split(path.sep);
  return parts.length === 1 ? "wiring" : parts[0];
};
const isDomain = (room: string) => room !== "wiring" && !(room in LAYERS);

/** Every broken rule, one line each; empty when server/ keeps them. `read` lets a test give files that do not exist. */
export function checkImports(
  files = [...walk(ROOT), ...walk(CONTRACT)],
  read = (f: string) => readFileSync(f, "utf8"),
): string[] {
  const problems: string[] = [];
  const edges = new Map<string, string[]>(); // file -> files it imports at run time (inside server/)
  const roomEdges = new Map<string, Set<string>>(); // folder -> folders it imports
  for (const file of files) {
    const from = roomOf(file);
    const targets: string[] = [];
    const inContract = file.startsWith(CONTRACT + path.sep);
    for (const { spec, typeOnly } of importsOf(read(file))) {
      if (inContract) {
        const target = path.normalize(path.join(path.dirname(file), spec));
        if (!spec.startsWith(".") || !target.startsWith(CONTRACT + path.sep))
          problems.push(
            `${file} imports ${spec}: client/contract/ imports only client/contract/ (no server/ file, no package)`,
          );
        continue;
      }
      if (!spec.startsWith(".")) continue;
      const target = path.normalize(path.join(path.dirname(file), spec));
      if (!target.startsWith(ROOT + path.sep)) continue; // outside server/: ESLint's rule covers app/ and components/
      if (!typeOnly) targets.push(target);
      const to = roomOf(target);
      if (to === from) {
        if (isDomain(from) && path.relative(path.join(ROOT, from), target) === "index.ts")
          problems.push(`${file} imports its own domain's index.ts (${spec}); import the file itself`);
        continue;
      }
      if (!roomEdges.has(from)) roomEdges.set(from, new Set());
      roomEdges.get(from)!.add(to);
      const say = (why: string) => problems.push(`${file} imports ${spec}: ${why}`);
      if (to === "wiring") say(`${from}/ may not import the wiring files at the root of server/`);
      else if (from === "wiring") continue;
      else if (from in LAYERS) {
        const allowed = LAYERS[from]!;
        if (!allowed.includes(to))
          say(
            `${from}/ may import ${allowed.length ? "only " + allowed.map((l) => l + "/").join(", ") : "nothing else in server/"}`,
          );
      } else if (isDomain(to)) {
        if (path.relative(path.join(ROOT, to), target) !== "index.ts")
          say(`a domain imports another domain only through its index.ts (server/${to}/index.ts)`);
      } else if (!DOMAIN_MAY_USE.includes(to)) say(`a domain may not import ${to}/`);
    }
    edges.set(file, targets);
  }
  const roomCycle = findCycle(roomEdges);
  if (roomCycle) problems.push(`folder cycle: ${roomCycle.join(" -> ")}`);
  const fileCycle = findCycle(new Map([...edges].map(([f, ts]) => [f, new Set(ts)])));
  if (fileCycle) problems.push(`file cycle: ${fileCycle.join(" -> ")}`);
  return problems;
}

/** One cycle in a directed graph, as the list of its nodes (first repeated at the end), or null. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 1);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 1) return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 2);
    return null;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const problems = checkImports();
  for (const p of problems) console.error(`✘ ${p}`);
  console.log(
    problems.length
      ? `${problems.length} import rule violation(s)`
      : "server/ and client/contract/ imports follow the rules",
  );
  process.exit(problems.length ? 1 : 0);
}
