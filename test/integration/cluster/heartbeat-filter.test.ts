import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContextKey } from "../../../client/rest-client.ts";
import { parsePublicId } from "../../../server/core/public-id.ts";
import { startCluster, type TestCluster } from "../../support/cluster-nodes.ts";
import { withPg } from "../../support/cluster-delivery.ts";

// One cluster node with a small pending limit: a client watching one key of a busy context.
const LIMIT = 10;
let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster(1, { env: { LISTENER_QUEUE_LIMIT: String(LIMIT) } });
}, 180_000);
afterAll(() => cluster?.stop());

const key = (k: string): ContextKey => ({ key: k, contextType: "DATA", contextScope: "PUBLIC" });

describe("a heartbeat client bound to one key, in cluster mode", () => {
  it("gets that key's changes however many other keys changed, and its cursor moves past them all", async () => {
    const [a] = cluster.nodes;
    const ctx = await a!.client.createContext();
    await a!.client.bindKeyListener(ctx, key("watched"), "hb-one-key");
    // More changes to keys it does not watch than it may have pending: they are not its changes.
    for (let i = 0; i < LIMIT + 5; i++) await a!.client.setValue(ctx, key(`other${i}`), { value: i });
    await a!.client.setValue(ctx, key("watched"), { value: "w" });
    await a!.client.setValue(ctx, key("other-after"), { value: 0 });

    const beat = await a!.client.heartbeat("hb-one-key");
    expect(beat.resync).toBe(false);
    expect(beat.changes.map((c) => [c.contextKey?.key, c.contextValue?.value])).toEqual([["watched", "w"]]);
    const { rows } = await withPg(cluster.database.url, (client) =>
      client.query(
        `SELECT k."revision" AS "cursor", c."revision" AS "head" FROM "context_listener_cursor" k
         JOIN "context_id" c ON c."id" = k."contextId" WHERE k."source" = 'hb-one-key' AND k."contextId" = $1`,
        [parsePublicId(ctx).id],
      ),
    );
    // Revisions: created, the other keys, watched, other-after.
    expect(rows).toEqual([{ cursor: LIMIT + 5 + 3, head: LIMIT + 5 + 3 }]);
    expect((await a!.client.heartbeat("hb-one-key")).changes).toEqual([]);
  });
});
