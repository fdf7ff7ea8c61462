import fc from "fast-check";
import { expect } from "vitest";
import { fuzzOptions } from "./fuzz-options.ts";
import type { TestServer } from "../test-server.ts";

/**
 * Everything a request could change, read back: every stored row (but the times reads and
 * authentication touch on purpose) and what the cache serves for the given contexts. A
 * refused request must leave it equal.
 */
export async function dataSnapshot(server: TestServer, rowIds: number[] = []) {
  const db = server.app.services.database.prisma;
  const byId = { orderBy: { id: "asc" as const } };
  return allOf({
    contexts: db.contextId.findMany({ ...byId, omit: { accessTime: true } }),
    entries: db.contextEntry.findMany({ ...byId, omit: { accessTime: true } }),
    keywords: db.contextKeyword.findMany(byId),
    histories: db.contextHistory.findMany({ ...byId, omit: { accessTime: true } }),
    clients: db.listenerClient.findMany({ orderBy: { source: "asc" } }),
    idBindings: db.idListenerBinding.findMany(byId),
    keyBindings: db.keyListenerBinding.findMany(byId),
    changes: db.changeLog.findMany(byId),
    users: db.user.findMany(byId),
    tokens: db.apiToken.findMany({ ...byId, omit: { lastUsedAt: true } }),
    audit: db.auditLog.findMany(byId),
    jobs: db.clearJob.findMany(byId),
    cached: Promise.all(rowIds.map((id) => server.app.services.contexts.snapshot(id))),
  });
}

/** Promise.all over an object's values, keeping the names. */
async function allOf<T extends Record<string, Promise<unknown>>>(reads: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const values = await Promise.all(Object.values(reads));
  return Object.fromEntries(Object.keys(reads).map((k, i) => [k, values[i]])) as { [K in keyof T]: Awaited<T[K]> };
}

type Snapshot = Awaited<ReturnType<typeof dataSnapshot>>;

/**
 * The "a refused request changes nothing" check over a run of requests: a snapshot before
 * each, compared after each refusal. After a refusal the data is known unchanged, so that
 * snapshot serves as the next one's "before" (half the reads); an accepted request forgets it.
 * The one write a refusal may make is its own audit line (outcome "refused": admin actions
 * and overlapping clears are audited when refused), so those lines are left out.
 */
export class RefusalCheck {
  #last: Snapshot | undefined;

  constructor(
    private readonly server: TestServer,
    private readonly rowIds: () => number[] = () => [],
  ) {}

  async before(): Promise<void> {
    this.#last ??= await dataSnapshot(this.server, this.rowIds());
  }

  accepted(): void {
    this.#last = undefined;
  }

  async refused(what: string): Promise<void> {
    const now = await dataSnapshot(this.server, this.rowIds());
    expect(withoutRefusalAudit(now), what).toEqual(withoutRefusalAudit(this.#last!));
    this.#last = now;
  }
}

const withoutRefusalAudit = (s: Snapshot) => ({ ...s, audit: s.audit.filter((a) => a.outcome !== "refused") });

/**
 * Runs a property over requests: `send` checks each answer's invariants and answers its status;
 * a refused one (not 200) must change nothing; `accepted` tidies up after one that was not.
 * Answers how many were refused, so a test can check the property reached the refusals at all.
 */
export async function assertRefusalsChangeNothing<T>(
  server: TestServer,
  requests: fc.Arbitrary<T>,
  opts: {
    numRuns: number;
    send: (request: T) => Promise<{ status: number; body: unknown }>;
    what: (request: T) => string;
    accepted?: (request: T, body: unknown) => Promise<void>;
    rowIds?: () => number[];
  },
): Promise<number> {
  let refused = 0;
  const unchanged = new RefusalCheck(server, opts.rowIds);
  await fc.assert(
    fc.asyncProperty(requests, async (request) => {
      await unchanged.before();
      const { status, body } = await opts.send(request);
      if (status === 200) {
        unchanged.accepted();
        await opts.accepted?.(request, body);
        return;
      }
      refused++;
      await unchanged.refused(opts.what(request));
    }),
    fuzzOptions(opts.numRuns),
  );
  return refused;
}
