import { describe, expect, it } from "vitest";
import { formatPublicId, parsePublicId } from "../../../server/core/public-id.ts";
import { MAX_SUBSCRIPTION_CONTEXT_IDS } from "../../../server/listeners/live/subscribe-request.ts";
import { connectEvents, waitUntil } from "../../support/live.ts";
import { withTestServer } from "../../support/with-test-server.ts";

const harness = withTestServer();
const key = (k: string) => ({ key: k, contextType: "DATA" as const, contextScope: "PUBLIC" as const });

/** `n` well-formed ids of contexts that do not exist (row ids far above any created here). */
function absentIds(n: number, like: string): string[] {
  const { instance, backupInstance } = parsePublicId(like);
  return Array.from({ length: n }, (_, i) => formatPublicId({ id: 5_000_000 + i, instance, backupInstance }));
}

describe("subscription request limits", () => {
  it("refuses more than the limit of ids in filter.contextIds or in resume, naming the field and the limit", async () => {
    const real = await harness.client.createContext();
    const c = await connectEvents(harness.server.baseUrl, harness.server.viewerToken);
    const ids = absentIds(MAX_SUBSCRIPTION_CONTEXT_IDS + 1, real);
    const byFilter = await c.socket.emitWithAck("subscribe", { filter: { contextIds: ids } });
    expect(byFilter.error).toMatch(/^filter\.contextIds: at most 10000 context ids per subscription/);
    const byResume = await c.socket.emitWithAck("subscribe", {
      resume: Object.fromEntries(ids.map((id) => [id, 0])),
    });
    expect(byResume.error).toMatch(/^resume: at most 10000 context ids per subscription/);
    expect(harness.server.app.services.live.size).toBe(0);
    c.socket.close();
  });

  it("resumes over the limit's worth of ids: each context replays from its own revision or is compacted", async () => {
    const real = [await harness.client.createContext(), await harness.client.createContext()];
    for (const id of real) for (let i = 0; i < 3; i++) await harness.client.setValue(id, key(`k${i}`), { value: i });
    // The real contexts sit in different lookup chunks: first, and near the end.
    const ids = absentIds(MAX_SUBSCRIPTION_CONTEXT_IDS - 2, real[0]!);
    ids.unshift(real[0]!);
    ids.splice(MAX_SUBSCRIPTION_CONTEXT_IDS - 5, 0, real[1]!);
    expect(ids).toHaveLength(MAX_SUBSCRIPTION_CONTEXT_IDS);
    const resume = Object.fromEntries(ids.map((id) => [id, 0]));
    resume[real[0]!] = 2; // seen up to k0: expects k1, k2 (revisions 3, 4)
    resume[real[1]!] = 4; // seen everything

    const c = await connectEvents(harness.server.baseUrl, harness.server.viewerToken);
    const ack = await c.socket.emitWithAck("subscribe", { resume, includeCurrentState: false });
    expect(ack.subscriptionId).toBeTypeOf("string");
    await waitUntil(
      () => c.received.others.filter((o) => o.name === "compacted").length === ids.length - 2,
      "a compacted for every absent context",
      120_000,
    );
    // The server kept answering while it worked through them.
    expect((await fetch(`${harness.server.baseUrl}/api/health`)).status).toBe(200);
    await harness.client.setValue(real[1]!, key("live"), { value: "after" });
    await waitUntil(() => c.received.events.some((e) => e.key === "live"), "the live event after the replay");
    expect(c.received.events.map((e) => [e.contextId, e.revision])).toEqual([
      [real[0], 3],
      [real[0], 4],
      [real[1], 5],
    ]);
    c.socket.close();
  }, 180_000);

  it("sends a snapshot over the limit's worth of filter ids, then live events", async () => {
    const real = await harness.client.createContext();
    await harness.client.setValue(real, key("a"), { value: 1 });
    const ids = absentIds(MAX_SUBSCRIPTION_CONTEXT_IDS - 1, real);
    ids.splice(7_000, 0, real);
    const c = await connectEvents(harness.server.baseUrl, harness.server.viewerToken);
    const ack = await c.socket.emitWithAck("subscribe", { filter: { contextIds: ids }, includeCurrentState: true });
    expect(ack.subscriptionId).toBeTypeOf("string");
    await waitUntil(() => c.received.others.some((o) => o.name === "snapshot-end"), "snapshot-end", 120_000);
    expect(c.received.others.find((o) => o.name === "snapshot-end")!.payload.revisions).toEqual({ [real]: 2 });
    await harness.client.setValue(real, key("b"), { value: 2 });
    await waitUntil(() => c.received.events.length === 2, "the snapshot's entry and the live one");
    expect(c.received.events.map((e) => [e.key, e.revision])).toEqual([
      ["a", 2],
      ["b", 3],
    ]);
    c.socket.close();
  }, 180_000);
});
