// npm run token:create -- --user NAME   → prints the new token alone on the last line.
import { createToken } from "../server/auth/tokens.ts";
import { cliArgs } from "./cli-args.ts";
import { withDatabase } from "./with-database.ts";

const usage = "npm run token:create -- --user NAME";
const args = cliArgs({ user: { type: "string" } }, usage);
if (!args.user) {
  console.error(`--user is required\nusage: ${usage}`);
  process.exit(2);
}
await withDatabase(async (db) => {
  const token = await createToken(db, args.user!);
  console.log(`API token for ${args.user} (shown once; send it as "Authorization: Bearer <token>"):`);
  console.log(token);
});
