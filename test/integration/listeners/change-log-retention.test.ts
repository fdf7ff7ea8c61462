import { describe, expect, it } from "vitest";
import { parsePublicId } from "../../../server/core/public-id.ts";
import { ChangeLogRetention } from "../../../server/listeners/change-log/change-log-retention.ts";
import { withTestServer } from "../../support/with-test-server.ts";

const harness = withTestServer();
const key = (k: string) => ({ key: k, contextType: "DATA" as const, contextScope: "PUBLIC" as const, keywords: [] });

async function revisionsOf(publicId: string): Promise<number[]> {
  const rows = await harness.server.app.services.database.prisma.changeLog.findMany({
    where: { contextId: parsePublicId(publicId).id },
    orderBy: { revision: "asc" },
    select: { revision: true },
  });
  return rows.map((r) => r.revision);
}

async function write(publicId: string, n: number, prefix: string) {
  const svc = harness.server.app.services.contexts;
  for (let i = 0; i < n; i++) await svc.setValue(publicId, key(`${prefix}${i}`), { value: i, keywords: [] });
}

describe("change-log retention", () => {
  // One retention for the whole file: its cursor carries from pass to pass as the server's does.
  // Keep 5 revisions per context, no minimum age; the clock runs a second ahead so every row is old.
  const retention = () =>
    (harnessRetention ??= new ChangeLogRetention(
      harness.server.app.services.database.prisma,
      5,
      0,
      () => Date.now() + 1000,
    ));
  let harnessRetention: ChangeLogRetention | undefined;

  it("keeps the last revisions of each context, and a second pass finds nothing due", async () => {
    const a = await harness.client.createContext();
    const b = await harness.client.createContext();
    await write(a, 20, "a");
    await write(b, 3, "b");
    expect(await retention().prune()).toBeGreaterThan(0);
    expect(await revisionsOf(a)).toEqual([17, 18, 19, 20, 21]);
    expect(await revisionsOf(b)).toEqual([1, 2, 3, 4]);
    expect(await retention().prune()).toBe(0);
  });

  it("prunes rows the walk already passed once their context takes more revisions", async () => {
    const a = await harness.client.createContext();
    await write(a, 10, "x");
    await retention().prune();
    expect(await revisionsOf(a)).toEqual([7, 8, 9, 10, 11]);
    await write(a, 4, "y");
    await retention().prune();
    expect(await revisionsOf(a)).toEqual([11, 12, 13, 14, 15]);
  });

  it("drops every old row of a removed context", async () => {
    const a = await harness.client.createContext();
    await write(a, 3, "r");
    await retention().prune();
    expect(await revisionsOf(a)).toEqual([1, 2, 3, 4]);
    await harness.server.app.services.contexts.remove(a);
    await retention().prune();
    expect(await revisionsOf(a)).toEqual([]);
  });

  it("walks a log bigger than one piece, in pieces, and deletes the same rows as one statement would", async () => {
    // Rows written straight into the log (as a long-running service leaves them): 3 contexts × 3,000 revisions.
    const db = harness.server.app.services.database.prisma;
    const ids = [];
    const svc = harness.server.app.services.contexts;
    for (let i = 0; i < 3; i++) {
      // In-process: the direct writes above may outlast an idle keep-alive connection on a busy machine.
      const id = svc.publicId(await svc.create({ user: "retention" }));
      const rowId = parsePublicId(id).id;
      await db.contextId.update({ where: { id: rowId }, data: { revision: 3000 } });
      await db.changeLog.createMany({
        data: Array.from({ length: 2999 }, (_, r) => ({ contextId: rowId, revision: r + 2, op: "updated" })),
      });
      ids.push(id);
    }
    await retention().prune();
    for (const id of ids) expect(await revisionsOf(id)).toEqual([2996, 2997, 2998, 2999, 3000]);
  });
});
