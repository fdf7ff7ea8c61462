import type { KeyValueContext } from "../../cache/index.ts";
import type { Entry } from "../../core/context-types.ts";
import type { NearestCondition } from "./condition-schema.ts";

/** Linkis's ranking constants: a key with no node or no path sorts after every reachable one. */
const FAR = 100_000;
const FLOW_INFOS_KEY = "flow.infos";
const NODE_PREFIX = "node.";

/**
 * Ranks `matches` the way Linkis's NearestContextSearchRuler does, by distance in the workflow
 * graph stored as a CSFlowInfos under `flow.infos` (OBJECT): 0 for the current node's own keys,
 * else the shortest path from the key's node down to the current node, or (without
 * upstreamOnly) the shorter of that and the path from the current node down to the key's.
 * Keys without a node or a path rank last; upstreamOnly drops nodes with no path down to the
 * current one. Linkis throws on a null currentNode: here that means "no ranking".
 */
export function rankNearest(kv: KeyValueContext, matches: Entry[], c: NearestCondition): Entry[] {
  if (c.currentNode === null) return matches.slice(0, c.number);
  const flow = kv.get("OBJECT", FLOW_INFOS_KEY);
  if (!flow || flow.valueType !== "CSFlowInfos") return [];
  const graph = readGraph(flow.value);
  const current = c.currentNode.split(".").filter(Boolean).pop() ?? "";
  const up = distancesTo(current, graph.reverse); // key's node → … → current
  const down = distancesTo(current, graph.forward); // current → … → key's node
  const dropped = new Set<Entry>();
  const distance = (e: Entry) => {
    const node = nodeOf(e.key);
    if (!node) return FAR;
    if (node === current) return 0;
    const upDistance = up.get(node) ?? FAR;
    if (c.upstreamOnly) {
      if (upDistance >= FAR) dropped.add(e);
      return upDistance;
    }
    return Math.min(upDistance, down.get(node) ?? FAR);
  };
  const ranked = matches.map((e) => ({ e, d: distance(e) })).sort((a, b) => a.d - b.d); // stable
  return ranked
    .map((r) => r.e)
    .filter((e) => !dropped.has(e))
    .slice(0, c.number);
}

/** `node.<name>.…` anywhere in the key (Linkis's substringBetween(key, "node.", ".")). */
export function nodeOf(key: string): string | null {
  const start = key.indexOf(NODE_PREFIX);
  if (start < 0) return null;
  const end = key.indexOf(".", start + NODE_PREFIX.length);
  if (end < 0) return null;
  const name = key.slice(start + NODE_PREFIX.length, end);
  return name.trim() ? name : null;
}

interface Graph {
  /** node name → names it has an edge to (source → target). */
  forward: Map<string, Set<string>>;
  reverse: Map<string, Set<string>>;
}

/** CSFlowInfos `{ infos: { edges: [{source, target}], id_nodeName: {id: name} } }`, by node name. */
function readGraph(value: unknown): Graph {
  const infos = (value as { infos?: Record<string, unknown> } | null)?.infos ?? {};
  const names = (infos.id_nodeName ?? {}) as Record<string, unknown>;
  const nameOf = (id: unknown) => (typeof id === "string" && typeof names[id] === "string" ? names[id] : "");
  const graph: Graph = { forward: new Map(), reverse: new Map() };
  const link = (map: Map<string, Set<string>>, from: string, to: string) => {
    if (!map.has(from)) map.set(from, new Set());
    map.get(from)!.add(to);
  };
  for (const edge of Array.isArray(infos.edges) ? infos.edges : []) {
    if (typeof edge !== "object" || edge === null) continue;
    const { source, target } = edge as { source?: unknown; target?: unknown };
    const [from, to] = [nameOf(source), nameOf(target)];
    if (!from || !to) continue;
    link(graph.forward, from, to);
    link(graph.reverse, to, from);
  }
  return graph;
}

/** Breadth-first distances from `start` along `edges` (cycles are fine, unlike Linkis's recursion). */
function distancesTo(start: string, edges: Map<string, Set<string>>): Map<string, number> {
  const dist = new Map<string, number>([[start, 0]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const next of edges.get(node) ?? []) {
      if (dist.has(next)) continue;
      dist.set(next, dist.get(node)! + 1);
      queue.push(next);
    }
  }
  return dist;
}
