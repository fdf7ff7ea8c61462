import { expect } from "vitest";
import type { TestServer } from "../test-server.ts";

/**
 * Everything a request could change, read back: every stored row (but the times reads and
 * authentication touch on purpose) and what the cache serves for the given contexts. A
 * refused request must leave it equal.
 */
export async function dataSnapshot(server: TestServer, rowIds: number[] = []) {
  const db = server.app.services.database.prisma;
  const byId = { orderBy: { id: "asc" as const } };
  const [
    contexts,
    entries,
    keywords,
    histories,
    clients,
    idBindings,
    keyBindings,
    changes,
    users,
    tokens,
    audit,
    jobs,
  ] = await Promise.all([
    db.contextId.findMany({ ...byId, omit: { accessTime: true } }),
    db.contextEntry.findMany({ ...byId, omit: { accessTime: true } }),
    db.contextKeyword.findMany(byId),
    db.contextHistory.findMany({ ...byId, omit: { accessTime: true } }),
    db.listenerClient.findMany({ orderBy: { source: "asc" } }),
    db.idListenerBinding.findMany(byId),
    db.keyListenerBinding.findMany(byId),
    db.changeLog.findMany(byId),
    db.user.findMany(byId),
    db.apiToken.findMany({ ...byId, omit: { lastUsedAt: true } }),
    db.auditLog.findMany(byId),
    db.clearJob.findMany(byId),
  ]);
  const cached = await Promise.all(rowIds.map((id) => server.app.services.contexts.snapshot(id)));
  return {
    contexts,
    entries,
    keywords,
    histories,
    clients,
    idBindings,
    keyBindings,
    changes,
    users,
    tokens,
    audit,
    jobs,
    cached,
  };
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
