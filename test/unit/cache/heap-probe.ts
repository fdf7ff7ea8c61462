/**
 * Run as `node --expose-gc --import tsx heap-probe.ts <profile> <contexts>`: loads contexts the
 * way the store does (rows with JSON text → entries → ContextIDValue → ContextCache), measures
 * the heap they retain, and prints `{ profile, contexts, entries, measured, estimated }` as JSON.
 * A separate process so nothing else the test runner holds moves the figure.
 */
import Database from "better-sqlite3";
import { ContextCache } from "../../../server/cache/context-cache.ts";
import { ContextIDValue } from "../../../server/cache/context-id-value.ts";
import { rowToEntry } from "../../../server/contexts/entry-rows.ts";
import { deriveKeywords, entryKeywords } from "../../../server/contexts/keywords/derive-keywords.ts";
import { loadKeywordRules } from "../../../server/contexts/keywords/keyword-rules.ts";
import { contextScopes, contextTypes, type ContextMeta } from "../../../server/core/context-types.ts";
import type { ContextEntry } from "../../../server/persistence/generated/sqlite/client.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

let state = 0x5eed;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(xs: readonly T[]) => xs[int(xs.length)];
const word = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + int(26))).join("");

/** Values by profile: what a context's entries look like. */
const profiles: Record<
  string,
  { entries: () => number; value: (c: number, j: number) => { valueType?: string; value: unknown } }
> = {
  // Linkis-shaped values of mixed kinds and sizes, some non-Latin-1 text and doubles.
  mixed: {
    entries: () => 1 + int(40),
    value: (c, j) => {
      switch (int(7)) {
        case 0:
          return {
            valueType: "CSTable",
            value: {
              name: `tbl_${c}_${j}`,
              dbName: `db_${int(500)}`,
              location: `hdfs:///warehouse/db.db/tbl_${c}_${j}`,
              columns: Array.from({ length: 1 + int(12) }, () => ({
                name: word(6),
                type: pick(["int", "string", "double"]),
              })),
            },
          };
        case 1:
          return { valueType: "LinkisVariable", value: { key: `run_date_${j}`, value: "2024-05-01" } };
        case 2:
          return { valueType: "CSFile", value: { path: `/data/in/part-${j}.csv`, size: int(1e9) * 1.5 } };
        case 3:
          return { value: word(20 + int(2000)) };
        case 4:
          return {
            value: { note: "数据说明 " + word(int(200)), ratio: random(), rows: int(100_000), ok: random() < 0.5 },
          };
        case 5:
          return { value: Array.from({ length: int(50) }, () => int(1000)) };
        default:
          return {
            value: { rows: Array.from({ length: int(20) }, () => ({ id: int(1e6), label: word(8), score: random() })) },
          };
      }
    },
  },
  // Many small entries spread over every type: the index and the per-type maps dominate.
  small: {
    entries: () => 10,
    value: (c, j) => ({ valueType: "CSDB", value: { name: `db_${int(50_000)}`, owners: `u${j},u${c % 7}` } }),
  },
  // Contexts without entries: the fixed cost of a context.
  empty: { entries: () => 0, value: () => ({ value: null }) },
  // 1 KB strings: the benchmark's payload.
  kb: { entries: () => 20, value: () => ({ value: word(1024) }) },
  // Few large nested values.
  large: {
    entries: () => 1 + int(4),
    value: () => ({
      value: {
        rows: Array.from({ length: 200 + int(300) }, () => ({
          id: int(1e6),
          name: word(12),
          tags: [word(4), word(5)],
        })),
      },
    }),
  },
};

const [profileName = "mixed", contextsArg = "2000"] = process.argv.slice(2);
const profile = profiles[profileName];
if (!profile) throw new Error(`unknown profile ${profileName}`);
const contexts = Number(contextsArg);
const rules = loadKeywordRules();

// The rows live in an in-memory SQLite database, read back through the same driver the store
// uses: the strings and Dates the cache retains are created while measuring, as on a real load.
const db = new Database(":memory:");
db.exec(`CREATE TABLE entry (contextId INTEGER, key TEXT, contextType TEXT, contextScope TEXT, valueJson TEXT, valueType TEXT,
  keyKeywords TEXT, valueKeywords TEXT, keywords TEXT, revision INTEGER, createTime INTEGER, updateTime INTEGER)`);
const insert = db.prepare("INSERT INTO entry VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

function writeRows(c: number): number {
  const time = Date.UTC(2024, 0, 1) + int(3e10);
  const n = profile.entries();
  for (let j = 0; j < n; j++) {
    const { valueType, value } = profile.value(c, j);
    const key = `flow_${c % 97}.node_${j}.${valueType ?? "json"}`;
    const given = Array.from({ length: int(4) }, () => `kw_${int(1000)}`);
    const keywords = entryKeywords(key, given, deriveKeywords(rules, valueType, value));
    insert.run(
      c,
      key,
      pick(contextTypes),
      pick(contextScopes),
      JSON.stringify(value),
      valueType ?? null,
      JSON.stringify(given),
      "[]",
      JSON.stringify(keywords),
      j + 1,
      time,
      time + int(1e6),
    );
  }
  return n;
}

const select = db.prepare("SELECT * FROM entry WHERE contextId = ?");
function readRows(c: number): ContextEntry[] {
  return (
    select.all(c) as (Omit<ContextEntry, "createTime" | "updateTime"> & { createTime: number; updateTime: number })[]
  ).map((r) => ({
    ...r,
    createTime: new Date(r.createTime),
    updateTime: new Date(r.updateTime),
  })) as ContextEntry[];
}

function makeMeta(id: number): ContextMeta {
  const t = Date.UTC(2024, 0, 1) + int(3e10);
  return {
    id,
    user: `user_${int(50)}`,
    application: "IDE",
    source: null,
    expireType: "NEVER",
    expireTime: null,
    instance: "cs_1_dev",
    backupInstance: "cs_1_dev",
    revision: 10,
    createTime: new Date(t),
    updateTime: new Date(t),
    accessTime: new Date(t),
  };
}

let entries = 0;
for (let c = 1; c <= contexts; c++) entries += writeRows(c);
const cache = new ContextCache({ maxContexts: contexts + 1, maxBytes: 2 ** 40 });
gc();
const before = process.memoryUsage().heapUsed;
for (let c = 1; c <= contexts; c++) {
  const value = new ContextIDValue(makeMeta(c), 0, Date.now());
  for (const row of readRows(c)) value.put(rowToEntry(row));
  cache.set(value);
}
gc();
const measured = process.memoryUsage().heapUsed - before;
process.stdout.write(
  JSON.stringify({ profile: profileName, contexts: cache.size, entries, measured, estimated: cache.bytes }) + "\n",
);
db.close();
