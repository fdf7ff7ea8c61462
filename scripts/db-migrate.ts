// `npm run db:migrate`: apply pending migrations to DATABASE_URL (or the default SQLite file).
import { loadConfig, loadDotEnv } from "../server/config/env.ts";

loadDotEnv();
import { migrate } from "../server/persistence/migrate.ts";

const config = loadConfig();
const applied = await migrate(config.provider, config.databaseUrl);
console.log(
  applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
);
