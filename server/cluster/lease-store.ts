import type { Db } from "../persistence/database.ts";

/**
 * Cluster-wide leases (PostgreSQL): a named piece of work one node does at a time. The holder
 * renews its lease while it works; a lease its holder stopped renewing (it died) can be taken
 * over once expired. Times are the database's clock, so nodes' clocks need not agree.
 */
export class LeaseStore {
  constructor(
    private readonly db: Db,
    /** This node: the lease's owner when it holds it. */
    private readonly owner: string,
  ) {}

  /** Takes or renews `name` for `ttlMs`; false while another node holds it unexpired. */
  async acquire(name: string, ttlMs: number): Promise<boolean> {
    const rows = await this.db.$queryRaw<{ owner: string }[]>`
      INSERT INTO "cs_lease" ("name", "owner", "expiresAt")
      VALUES (${name}, ${this.owner}, (clock_timestamp() AT TIME ZONE 'UTC') + ${ttlMs}::int * interval '1 millisecond')
      ON CONFLICT ("name") DO UPDATE SET "owner" = excluded."owner", "expiresAt" = excluded."expiresAt"
      WHERE "cs_lease"."owner" = excluded."owner" OR "cs_lease"."expiresAt" < (clock_timestamp() AT TIME ZONE 'UTC')
      RETURNING "owner"`;
    return rows.length > 0;
  }

  /** Gives `name` up, if this node holds it. */
  async release(name: string) {
    await this.db.$executeRaw`DELETE FROM "cs_lease" WHERE "name" = ${name} AND "owner" = ${this.owner}`;
  }
}
