import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkCredentials, ensureAdmin } from "../../../server/auth/users.ts";
import { openDatabase, type Database } from "../../../server/persistence/database.ts";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.ts";

let testDb: TestDatabase;
let databases: Database[] = [];
beforeEach(async () => {
  testDb = await createTestDatabase();
});
afterEach(async () => {
  for (const d of databases) await d.close();
  databases = [];
  await testDb.drop();
});

describe("the first admin", () => {
  it("is made once when several nodes start together on an empty database; the others start too", async () => {
    // Each node has its own connection, as separate processes would.
    databases = await Promise.all([1, 2, 3].map(() => openDatabase(testDb.url)));
    const results = await Promise.all(databases.map((d) => ensureAdmin(d.prisma, "first-admin-password-1")));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await databases[0]!.prisma.user.count()).toBe(1);
    expect(await checkCredentials(databases[1]!.prisma, "admin", "first-admin-password-1")).toMatchObject({
      role: "admin",
    });
  });
});
