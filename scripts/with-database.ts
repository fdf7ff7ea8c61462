import { loadConfig, loadDotEnv } from "../server/config/env.ts";

loadDotEnv();
import { openDatabase, type Db } from "../server/persistence/database.ts";

/** Runs `work` against the configured database (migrated first), then closes it. Errors exit 1 with one line. */
export async function withDatabase(work: (db: Db) => Promise<void>) {
  const database = await openDatabase(loadConfig().databaseUrl).catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
  try {
    await work(database.prisma);
  } catch (err) {
    console.error((err as Error).message.split("\n")[0]);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}
