import { ContextCache } from "../../server/cache/context-cache.ts";
import { ContextIDValue } from "../../server/cache/context-id-value.ts";
import { deriveKeywords, entryKeywords } from "../../server/contexts/keywords/derive-keywords.ts";
import { loadKeywordRules } from "../../server/contexts/keywords/keyword-rules.ts";
import { contextScopes, contextTypes, type ContextMeta, type Entry } from "../../server/core/context-types.ts";
import { pick, randomInt } from "./prng.ts";

export interface BuildOptions {
  contexts: number;
  entriesPerContext: number;
  random: () => number;
  /** Writer keywords are drawn from a pool this big, so each is shared by many contexts. */
  writerKeywordPool: number;
  /** Databases named in CSTable/CSDB values: a large pool makes their names rare keywords. */
  databasePool: number;
}

const users = ["hadoop", "alice", "bob", "etl", "analyst"];
const applications = ["IDE", "visualis", "scheduler", "nodeexecution"];

/** Values shaped like Linkis's, so the default keyword rules find keywords in them. */
function makeValue(
  random: () => number,
  o: BuildOptions,
  contextId: number,
  j: number,
): { valueType?: string; value: unknown } {
  const db = `db_${randomInt(random, o.databasePool)}`;
  const table = `tbl_${contextId}_${j}`;
  switch (randomInt(random, 6)) {
    case 0:
      return {
        valueType: "CSTable",
        value: {
          name: table,
          dbName: db,
          location: `hdfs:///warehouse/${db}.db/${table}`,
          columns: ["id", "ts", "amount"],
        },
      };
    case 1:
      return { valueType: "CSDB", value: { name: db, owners: `${pick(random, users)},${pick(random, users)}` } };
    case 2:
      return { valueType: "LinkisVariable", value: { key: `run_date_${j}`, value: "2024-05-01" } };
    case 3:
      return { valueType: "CSResultData", value: { path: `/tmp/linkis/result/${contextId}/_${j}.dolphin` } };
    case 4:
      return { valueType: "CSFile", value: { path: `/data/in/${db}/part-${String(j).padStart(5, "0")}.csv` } };
    default:
      return { value: { rows: randomInt(random, 100_000), ok: random() < 0.9 } };
  }
}

/** One entry as the store would load it: keywords = key + writer's + rule-derived. */
export function makeEntry(
  random: () => number,
  o: BuildOptions,
  rules: ReturnType<typeof loadKeywordRules>,
  contextId: number,
  j: number,
): Entry {
  const { valueType, value } = makeValue(random, o, contextId, j);
  const key = `flow_${contextId % 97}.node_${j}.${valueType ?? "json"}`;
  const given = Array.from({ length: 1 + randomInt(random, 3) }, () => `kw_${randomInt(random, o.writerKeywordPool)}`);
  const time = new Date(Date.UTC(2024, 0, 1) + randomInt(random, 3e10));
  return {
    key,
    contextType: pick(random, contextTypes),
    contextScope: pick(random, contextScopes),
    value,
    valueType,
    keyKeywords: given,
    valueKeywords: [],
    keywords: entryKeywords(key, given, deriveKeywords(rules, valueType, value)),
    revision: j + 1,
    createTime: time,
    updateTime: time,
  };
}

function makeMeta(random: () => number, id: number): ContextMeta {
  const time = new Date(Date.UTC(2024, 0, 1) + randomInt(random, 3e10));
  return {
    id,
    user: pick(random, users),
    application: pick(random, applications),
    source: null,
    expireType: "NEVER",
    expireTime: null,
    instance: "cs_1_dev",
    backupInstance: "cs_1_dev",
    revision: 10,
    createTime: time,
    updateTime: time,
    accessTime: time,
  };
}

/**
 * Fills a ContextCache with ids 1..contexts, each with `entriesPerContext` entries, bounded
 * loosely enough that nothing is evicted.
 */
export function buildContextCache(o: BuildOptions): ContextCache {
  const rules = loadKeywordRules();
  const cache = new ContextCache({ maxContexts: o.contexts * 2, maxBytes: 2 ** 40 });
  const now = Date.now();
  for (let id = 1; id <= o.contexts; id++) {
    const value = new ContextIDValue(makeMeta(o.random, id), 0, now);
    for (let j = 0; j < o.entriesPerContext; j++) value.put(makeEntry(o.random, o, rules, id, j));
    cache.set(value);
  }
  const evicted = cache.stats().evictedBytes;
  if (cache.size !== o.contexts || evicted !== 0)
    throw new Error(`built ${cache.size} contexts, evicted ${evicted} bytes`);
  return cache;
}
