import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContextKey } from "../../../client/rest-client.ts";
import { parsePublicId } from "../../../server/core/public-id.ts";
import { startCluster, type ClusterNode, type TestCluster } from "../../support/cluster-nodes.ts";
import { expectEveryRevision, HANG_GUARD_MS, subscribeOn, withPg, writesOf } from "../../support/cluster-delivery.ts";
import { waitUntil } from "../../support/live.ts";

// Three nodes; the third is killed. Short leases, so its clear job is taken over soon.
let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster(3, { env: { CLUSTER_LEASE_MS: "2000" } });
}, 180_000);
afterAll(() => cluster?.stop());

const key = (k: string): ContextKey => ({ key: k, contextType: "DATA", contextScope: "PUBLIC" });
const DOOMED = 1500;

/** The contexts a clear by create time will take: created in 2001, far from any other. */
async function insertDoomed(): Promise<number[]> {
  return withPg(cluster.database.url, async (client) => {
    const { rows } = await client.query(
      `INSERT INTO "context_id" ("instance", "backupInstance", "createTime", "updateTime", "accessTime")
       SELECT 'cs_1_dev', 'cs_1_dev', t, t, t
       FROM generate_series(1, ${DOOMED}) g, LATERAL (SELECT timestamp '2001-01-01' + g * interval '1 second' AS t) x
       RETURNING "id"`,
    );
    return rows.map((r) => r.id as number).sort((x, y) => x - y);
  });
}

/** Starts, on `node`, a clear of the 2001 contexts as a job (its answer comes at once). */
const startClear = (node: ClusterNode) =>
  fetch(`${node.baseUrl}/api/v1/cleanup/jobs`, {
    method: "POST",
    headers: { authorization: `Bearer ${cluster.token}`, "content-type": "application/json" },
    body: JSON.stringify({ createTimeStart: "2001-01-01 00:00:00", createTimeEnd: "2001-01-02 00:00:00" }),
  });

async function jobRow(id: number) {
  return withPg(cluster.database.url, async (client) => {
    const { rows } = await client.query('SELECT "status", "processed", "total" FROM "cs_clear_job" WHERE "id" = $1', [
      id,
    ]);
    return rows[0] as { status: string; processed: number; total: number };
  });
}

describe("a node killed (kill -9) in the middle of its work", { timeout: 4 * HANG_GUARD_MS }, () => {
  it("loses no acknowledged write, and its heartbeat client and clear job carry on through the others (no other node starts that clear meanwhile)", async () => {
    const [a, b, victim] = cluster.nodes as [ClusterNode, ClusterNode, ClusterNode];
    const contexts = await Promise.all([1, 2, 3].map(() => a.client.createContext()));
    const { subscribers, stop } = await subscribeOn([a, b], cluster.token, contexts);

    // A heartbeat client of the victim's.
    await victim.client.bindIdListener(contexts[0]!, "hb-of-victim");
    const beats: { revision: number }[] = [];
    const beat = async (node: ClusterNode) => beats.push(...(await node.client.heartbeat("hb-of-victim")).changes);

    // A clear job on the victim that cannot finish before the kill: a row lock held here stops
    // it inside its second batch (the first, of 500, commits).
    const doomed = await insertDoomed();
    const lock = new pg.Client({ connectionString: cluster.database.url });
    await lock.connect();
    await lock.query("BEGIN");
    await lock.query('SELECT 1 FROM "context_id" WHERE "id" = $1 FOR UPDATE', [doomed[1200]]);
    const answer = await startClear(victim);
    expect(answer.status).toBe(200);
    const { job } = (await answer.json()) as { job: { id: number } };
    await waitUntil(async () => (await jobRow(job.id)).processed >= 500, "the clear's first batch", HANG_GUARD_MS);
    // The same clear on another node is refused while this one runs.
    const again = await startClear(a);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(`job ${job.id}`);

    // Writes on every node, to every context, until told to stop; the victim's stop at the kill.
    const acknowledged = new Map<string, Set<string>>(contexts.map((c) => [c, new Set()]));
    let acks = 0;
    let writing = true;
    const writers = cluster.nodes.flatMap((node) =>
      contexts.map(async (ctx) => {
        for (let i = 0; writing; i++) {
          const value = `${node.id}/${i}`;
          try {
            await node.client.setValue(ctx, key(`k${i % 3}`), { value });
          } catch (err) {
            if (node === victim) return; // killed: this write may or may not have committed
            throw err;
          }
          acknowledged.get(ctx)!.add(value);
          acks++;
        }
      }),
    );
    const untilAcks = (n: number) => waitUntil(() => acks >= n, `${n} acknowledged writes`, HANG_GUARD_MS);
    try {
      await untilAcks(30);
      await beat(victim);
      await untilAcks(acks + 30);
      victim.proc.child.kill("SIGKILL");
      await victim.proc.exited;
      await untilAcks(acks + 60);
    } finally {
      writing = false;
      await Promise.allSettled(writers);
      await lock.query("ROLLBACK");
      await lock.end();
    }

    try {
      // Every committed write, acknowledged or caught by the kill, once and in order on the survivors.
      await expectEveryRevision(cluster.database.url, subscribers, contexts);
      for (const s of subscribers)
        for (const ctx of contexts) {
          const values = new Set(
            writesOf(s)
              .filter((e) => e.contextId === ctx)
              .map((e) => e.value as string),
          );
          for (const v of acknowledged.get(ctx)!) expect(values.has(v), `${s.node}: ${ctx} ${v}`).toBe(true);
        }
    } finally {
      stop();
    }

    // The heartbeat client carries on through the others: the rest of its changes, once, in order.
    const final = await withPg(cluster.database.url, async (client) => {
      const { rows } = await client.query('SELECT "revision" FROM "context_id" WHERE "id" = $1', [
        parsePublicId(contexts[0]!).id,
      ]);
      return rows[0].revision as number;
    });
    await waitUntil(
      async () => {
        await beat(beats.length % 2 === 0 ? a : b);
        return beats.length >= final - 1;
      },
      "the heartbeat client's changes through the surviving nodes",
      HANG_GUARD_MS,
    );
    expect(beats.map((c) => c.revision)).toEqual(Array.from({ length: final - 1 }, (_, i) => i + 2));

    // The clear job is finished by another node once the victim's lease expires.
    await waitUntil(async () => (await jobRow(job.id)).status === "done", "the clear job to finish", HANG_GUARD_MS);
    expect(await jobRow(job.id)).toMatchObject({ status: "done", processed: DOOMED, total: DOOMED });
    const left = await withPg(cluster.database.url, async (client) => {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM "context_id" WHERE "id" = ANY($1)', [doomed]);
      return rows[0].n as number;
    });
    expect(left).toBe(0);
  });
});
