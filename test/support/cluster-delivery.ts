import pg from "pg";
import { expect } from "vitest";
import { parsePublicId } from "../../server/core/public-id.ts";
import type { ClusterNode } from "./cluster-nodes.ts";
import { connectEvents, waitUntil, type Received } from "./live.ts";

// A guard against a hang, not a timing goal.
export const HANG_GUARD_MS = 60_000;

/** Runs `work` on a connection of its own to the cluster's database. */
export async function withPg<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export type Subscriber = Awaited<ReturnType<typeof connectEvents>> & { node: string };

/** A subscriber on each of these nodes to these contexts; `stop` disconnects them all. */
export async function subscribeOn(nodes: ClusterNode[], token: string, contextIds: string[]) {
  const subscribers: Subscriber[] = await Promise.all(
    nodes.map(async (node) => {
      const c = await connectEvents(node.baseUrl, token);
      await c.socket.emitWithAck("subscribe", { filter: { contextIds } });
      return { node: node.id, ...c };
    }),
  );
  return { subscribers, stop: () => subscribers.forEach((s) => s.socket.disconnect()) };
}

/**
 * The writes a subscriber received. The creation (revision 1) came before the subscription: a
 * node that hears of it late, under load, may still hand it on; it is not what is checked.
 */
export const writesOf = (s: { received: Received }) => s.received.events.filter((e) => e.op !== "context-created");

/** Each subscriber gets each revision after 1 (the creation) up to the committed one, once, in order. */
export async function expectEveryRevision(databaseUrl: string, subscribers: Subscriber[], contexts: string[]) {
  const finals = await withPg(databaseUrl, async (client) => {
    const ids = contexts.map((c) => parsePublicId(c).id);
    const { rows } = await client.query('SELECT "id", "revision" FROM "context_id" WHERE "id" = ANY($1)', [ids]);
    return new Map(rows.map((r) => [r.id as number, r.revision as number]));
  });
  const total = contexts.reduce((n, c) => n + finals.get(parsePublicId(c).id)! - 1, 0);
  for (const s of subscribers)
    await waitUntil(() => writesOf(s).length >= total, `${total} events on ${s.node}`, HANG_GUARD_MS);
  for (const s of subscribers) {
    expect(writesOf(s), `${s.node} got each event once`).toHaveLength(total);
    for (const ctx of contexts) {
      const revisions = writesOf(s)
        .filter((e) => e.contextId === ctx)
        .map((e) => e.revision);
      const last = finals.get(parsePublicId(ctx).id)!;
      expect(revisions, `${s.node}: ${ctx}`).toEqual(Array.from({ length: last - 1 }, (_, i) => i + 2));
    }
  }
}
