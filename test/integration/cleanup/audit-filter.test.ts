import { beforeAll, describe, expect, it } from "vitest";
import { withTestServer } from "../../support/with-test-server.ts";

const harness = withTestServer();
const db = () => harness.server.app.services.database.prisma;

type Line = { id: number; actor: string; action: string; outcome: string; time: string };
const audit = async (query: string, token?: string) => {
  const res = await harness.server.request(`/api/v1/audit?${query}`, { token });
  return { status: res.status, body: (await res.json()) as { items: Line[]; nextCursor: string | null } };
};

// Lines at known times, written as the server writes them, then read back through the API.
const lines = [
  { actor: "alice", action: "context.reset", outcome: "ok", createTime: new Date("2026-01-01T10:00:00Z") },
  { actor: "bob", action: "context.reset", outcome: "refused", createTime: new Date("2026-01-02T10:00:00Z") },
  { actor: "alice", action: "clearAllContextByTime", outcome: "ok", createTime: new Date("2026-01-03T10:00:00Z") },
  { actor: "alice", action: "context.reset", outcome: "ok", createTime: new Date("2026-01-04T10:00:00Z") },
  { actor: "bob", action: "clearAllContextByTime", outcome: "dry-run", createTime: new Date("2026-01-05T10:00:00Z") },
];

beforeAll(async () => {
  for (const l of lines) await db().auditLog.create({ data: { ...l, criteria: "{}" } });
});

describe("GET /api/v1/audit filters", () => {
  it("matches action, actor and outcome exactly, newest first", async () => {
    const { body } = await audit("action=context.reset&actor=alice");
    expect(body.items.map((l) => l.time)).toEqual(["2026-01-04T10:00:00.000Z", "2026-01-01T10:00:00.000Z"]);
    expect((await audit("outcome=refused")).body.items.map((l) => l.actor)).toEqual(["bob"]);
    expect((await audit("actor=ali")).body.items).toEqual([]);
  });

  it("bounds the time, both ends inclusive, in ISO 8601 or Linkis's form", async () => {
    const { body } = await audit("from=2026-01-02T10:00:00Z&to=2026-01-04T10:00:00.000Z");
    expect(body.items.map((l) => l.time)).toEqual([
      "2026-01-04T10:00:00.000Z",
      "2026-01-03T10:00:00.000Z",
      "2026-01-02T10:00:00.000Z",
    ]);
    expect((await audit("to=2026-01-01T10:00:00Z&actor=alice")).body.items).toHaveLength(1);
  });

  it("pages a filtered log on the server, the cursor keeping the filter", async () => {
    const first = await audit("actor=alice&limit=2");
    expect(first.body.items.map((l) => l.action)).toEqual(["context.reset", "clearAllContextByTime"]);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await audit(`actor=alice&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((l) => l.time)).toEqual(["2026-01-01T10:00:00.000Z"]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("refuses a bad query with the field named", async () => {
    for (const [query, field] of [
      ["outcome=maybe", "outcome"],
      ["from=yesterday", "from"],
      ["from=2026-01-05T00:00:00Z&to=2026-01-01T00:00:00Z", "from"],
      [`actor=${"x".repeat(300)}`, "actor"],
      ["limit=501", "limit"],
    ] as const) {
      const res = await audit(query);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body), query).toContain(field);
    }
  });

  it("offers the distinct actions and actors as choices, to admins only", async () => {
    await harness.server.request("/api/rest_j/v1/contextservice/searchContextIDByTime?createTimeStart=2000-01-01");
    const res = await harness.server.request("/api/v1/audit/facets");
    const facets = (await res.json()) as { actions: string[]; actors: string[] };
    expect(facets.actions).toEqual(["clearAllContextByTime", "context.reset", "searchContextIDByTime"]);
    expect(facets.actors).toEqual(["admin", "alice", "bob"]);
    const viewer = harness.server.viewerToken;
    expect((await harness.server.request("/api/v1/audit/facets", { token: viewer })).status).toBe(403);
    expect((await audit("actor=alice", viewer)).status).toBe(403);
  });
});
