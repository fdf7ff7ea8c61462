/**
 * The rows the `cleanup` bench seeds, as the app would have written them: contexts 1..n with
 * `ENTRIES` entries each (Linkis-shaped values), the entries' keyword rows, the change log a
 * create plus five setValue calls leave (6 rows), and a history record on every 10th context.
 * Context i was created at `contextTime(i)`: the first half long before `CLEAR_BEFORE` (the
 * clear's target), the second half after it. Ids follow creation time, as autoincrement
 * ids do. Deterministic, so two databases seeded alike hold the same rows.
 */
import { contextScopes, contextTypes } from "../../server/core/context-types.ts";

export const ENTRIES = 5;
export const INSTANCE = "cs_1_dev";
export const CLEAR_BEFORE = new Date("2025-01-01T00:00:00.000Z");
const OLD_START = Date.UTC(2020, 0, 1);
const RECENT_START = Date.UTC(2026, 0, 1);
const STEP_MS = 30_000;

export const isOld = (i: number, n: number) => i <= n / 2;
export const oldCount = (n: number) => Math.floor(n / 2);
export const contextTime = (i: number, n: number) =>
  isOld(i, n) ? OLD_START + (i - 1) * STEP_MS : RECENT_START + (i - oldCount(n) - 1) * STEP_MS;

/** The key and type of entry j of context i: the readers ask for them. */
export const entryKey = (i: number, j: number) => `flow_${i % 97}.node_${j}`;
export const entryType = (j: number) => contextTypes[j % contextTypes.length]!;

const users = ["hadoop", "alice", "bob", "etl", "analyst"];
const applications = ["IDE", "visualis", "scheduler", "nodeexecution"];

function value(i: number, j: number): { valueType: string | null; value: unknown } {
  const db = `db_${(i * 7 + j) % 500}`;
  const table = `tbl_${i}_${j}`;
  switch ((i + j) % 6) {
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
      return { valueType: "CSDB", value: { name: db, owners: `${users[i % 5]},${users[j % 5]}` } };
    case 2:
      return { valueType: "LinkisVariable", value: { key: `run_date_${j}`, value: "2024-05-01" } };
    case 3:
      return { valueType: "CSResultData", value: { path: `/tmp/linkis/result/${i}/_${j}.dolphin` } };
    case 4:
      return { valueType: "CSFile", value: { path: `/data/in/${db}/part-${String(j).padStart(5, "0")}.csv` } };
    default:
      return { valueType: null, value: { rows: (i * 31 + j) % 100_000, ok: (i + j) % 10 !== 0 } };
  }
}

/** Columns of each table for a run of contexts, in insertion order. Times are epoch ms. */
export interface RowChunk {
  context: {
    id: number[];
    user: string[];
    application: string[];
    revision: number[];
    createTime: number[];
    updateTime: number[];
  };
  entry: {
    id: number[];
    contextId: number[];
    key: string[];
    contextType: string[];
    contextScope: string[];
    valueJson: string[];
    valueType: (string | null)[];
    keyKeywords: string[];
    keywords: string[];
    revision: number[];
    time: number[];
  };
  keyword: { id: number[]; entryId: number[]; contextId: number[]; keyword: string[]; contextType: string[] };
  history: {
    id: number[];
    contextId: number[];
    source: string[];
    contextType: string[];
    keyword: string[];
    historyJson: string[];
    time: number[];
  };
  changeLog: {
    id: number[];
    contextId: number[];
    revision: number[];
    op: string[];
    contextType: (string | null)[];
    key: (string | null)[];
    valueJson: (string | null)[];
    keywords: (string | null)[];
    time: number[];
  };
}

export const rowCount = (c: RowChunk) => ({
  context_id: c.context.id.length,
  context_entry: c.entry.id.length,
  context_keyword: c.keyword.id.length,
  context_history: c.history.id.length,
  context_change_log: c.changeLog.id.length,
});

/** Hands out the rows of contexts 1..n in chunks; ids of every table run on from chunk to chunk. */
export class RowSource {
  #next = 1;
  #keywordId = 0;
  #historyId = 0;
  #changeId = 0;

  constructor(readonly n: number) {}

  get done() {
    return this.#next > this.n;
  }

  nextChunk(contexts: number): RowChunk {
    const c: RowChunk = {
      context: { id: [], user: [], application: [], revision: [], createTime: [], updateTime: [] },
      entry: {
        id: [],
        contextId: [],
        key: [],
        contextType: [],
        contextScope: [],
        valueJson: [],
        valueType: [],
        keyKeywords: [],
        keywords: [],
        revision: [],
        time: [],
      },
      keyword: { id: [], entryId: [], contextId: [], keyword: [], contextType: [] },
      history: { id: [], contextId: [], source: [], contextType: [], keyword: [], historyJson: [], time: [] },
      changeLog: {
        id: [],
        contextId: [],
        revision: [],
        op: [],
        contextType: [],
        key: [],
        valueJson: [],
        keywords: [],
        time: [],
      },
    };
    const last = Math.min(this.n, this.#next + contexts - 1);
    for (let i = this.#next; i <= last; i++) {
      const created = contextTime(i, this.n);
      this.#change(c, i, 1, "context-created", null, null, null, null, created);
      for (let j = 0; j < ENTRIES; j++) {
        const entryId = (i - 1) * ENTRIES + j + 1;
        const key = entryKey(i, j);
        const type = entryType(j);
        const given = j % 2 === 0 ? [`kw_${(i * ENTRIES + j) % 1000}`] : [];
        const keywords = [key, ...given];
        const { valueType, value: v } = value(i, j);
        const valueJson = JSON.stringify(v);
        const time = created + (j + 1) * 1000;
        const e = c.entry;
        e.id.push(entryId);
        e.contextId.push(i);
        e.key.push(key);
        e.contextType.push(type);
        e.contextScope.push(contextScopes[(i + j) % contextScopes.length]!);
        e.valueJson.push(valueJson);
        e.valueType.push(valueType);
        e.keyKeywords.push(JSON.stringify(given));
        e.keywords.push(JSON.stringify(keywords));
        e.revision.push(j + 2);
        e.time.push(time);
        for (const keyword of keywords) {
          c.keyword.id.push(++this.#keywordId);
          c.keyword.entryId.push(entryId);
          c.keyword.contextId.push(i);
          c.keyword.keyword.push(keyword);
          c.keyword.contextType.push(type);
        }
        this.#change(c, i, j + 2, "created", type, key, valueJson, JSON.stringify(keywords), time);
      }
      if (i % 10 === 0) {
        const h = c.history;
        h.id.push(++this.#historyId);
        h.contextId.push(i);
        h.source.push(`node_${i % 13}`);
        h.contextType.push("DATA");
        h.keyword.push(`flow_${i % 97}`);
        h.historyJson.push(
          JSON.stringify({ source: `node_${i % 13}`, operation: "WRITE", path: `/tmp/linkis/result/${i}` }),
        );
        h.time.push(created);
      }
      c.context.id.push(i);
      c.context.user.push(users[i % users.length]!);
      c.context.application.push(applications[i % applications.length]!);
      c.context.revision.push(ENTRIES + 1);
      c.context.createTime.push(created);
      c.context.updateTime.push(created + ENTRIES * 1000);
    }
    this.#next = last + 1;
    return c;
  }

  #change(
    c: RowChunk,
    contextId: number,
    revision: number,
    op: string,
    type: string | null,
    key: string | null,
    valueJson: string | null,
    keywords: string | null,
    time: number,
  ) {
    const l = c.changeLog;
    l.id.push(++this.#changeId);
    l.contextId.push(contextId);
    l.revision.push(revision);
    l.op.push(op);
    l.contextType.push(type);
    l.key.push(key);
    l.valueJson.push(valueJson);
    l.keywords.push(keywords);
    l.time.push(time);
  }
}
