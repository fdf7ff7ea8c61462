import { describe, expect, it } from "vitest";
import { LiveSubscriber, type LiveEvent } from "../../../client/live-client.ts";
import { ChangeLogRetention } from "../../../server/listeners/change-log/change-log-retention.ts";
import { waitUntil } from "../../support/live.ts";
import { withTestServer } from "../../support/with-test-server.ts";

const harness = withTestServer();

const key = (k: string) => ({ key: k, contextType: "DATA" as const, contextScope: "PUBLIC" as const });

/** A view kept by applying events, as an SDK user would. */
function view() {
  const state = new Map<string, unknown>();
  const apply = (e: LiveEvent) => {
    if (e.op === "removed") state.delete(e.key!);
    else if (e.op === "context-cleared") state.clear();
    else if (e.key) state.set(e.key, e.value);
  };
  return { state, apply };
}

const truth = async (ctx: string) =>
  new Map(
    (await harness.client.search(ctx, { type: "Not", origin: { type: "Keyword", keyword: "#" } })).map((kv) => [
      kv.contextKey.key,
      kv.contextValue.value,
    ]),
  );

describe("the SDK's LiveSubscriber", () => {
  it("resumes by itself after the connection drops, losing nothing", async () => {
    const ctx = await harness.client.createContext();
    await harness.client.setValue(ctx, key("a"), { value: 1 });
    const v = view();
    const sub = new LiveSubscriber(
      harness.server.baseUrl,
      harness.server.viewerToken,
      { filter: { contextIds: [ctx] }, includeCurrentState: true },
      { onEvent: v.apply },
    );
    await sub.ready();
    await waitUntil(() => v.state.get("a") === 1, "the snapshot");

    // Drop every socket from the server side; the SDK reconnects and resumes from what it saw.
    harness.server.app.io.of("/events").disconnectSockets(true);
    for (let i = 0; i < 50; i++) await harness.client.setValue(ctx, key(`k${i % 7}`), { value: i });
    await harness.client.removeValue(ctx, key("a"));
    const rev = (await harness.client.getContext(ctx)).revision as number;
    await waitUntil(() => (sub.seen.get(ctx) ?? 0) >= rev, "the resumed events");
    expect(v.state).toEqual(await truth(ctx));
    sub.close();
  });

  it("starts over with a fresh snapshot when the history it needs was compacted", async () => {
    const ctx = await harness.client.createContext();
    const v = view();
    const resets: string[] = [];
    const sub = new LiveSubscriber(
      harness.server.baseUrl,
      harness.server.adminToken,
      { filter: { contextIds: [ctx] }, includeCurrentState: true },
      {
        onEvent: v.apply,
        onReset: (why) => {
          resets.push(why);
          v.state.clear();
        },
      },
    );
    await sub.ready();
    await harness.client.setValue(ctx, key("x"), { value: "first" });
    await waitUntil(() => v.state.get("x") === "first", "the first event");

    // While it is away, many changes happen and the log keeps only the last few.
    sub.socket.io.opts.reconnection = false;
    sub.socket.disconnect();
    for (let i = 0; i < 40; i++) await harness.client.setValue(ctx, key(`c${i}`), { value: i });
    await new ChangeLogRetention(harness.server.app.services.database.prisma, 5, 0).prune();
    sub.socket.connect();

    const rev = (await harness.client.getContext(ctx)).revision as number;
    await waitUntil(() => resets.length === 1 && (sub.seen.get(ctx) ?? 0) >= rev, "the fresh snapshot");
    expect(resets).toEqual(["compacted"]);
    expect(v.state).toEqual(await truth(ctx));
    sub.close();
  });
});
