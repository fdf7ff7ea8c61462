// npm run token:create -- --user NAME   → prints the new token alone on the last line.
import { createToken } from "../server/auth/tokens.ts";
import { cliArgs } from "./cli-args.ts";
import { withDatabase } from "./with-database.ts";

const usage = "npm run token:create -- --user NAME [--expires-in-days N]";
const args = cliArgs({ user: { type: "string" }, "expires-in-days": { type: "string" } }, usage);
const days = args["expires-in-days"];
if (!args.user || (days !== undefined && !/^[1-9]\d{0,4}$/.test(days))) {
  console.error(`--user is required; --expires-in-days is a whole number of days\nusage: ${usage}`);
  process.exit(2);
}
const expiresAt = days ? new Date(Date.now() + Number(days) * 86_400_000) : undefined;
await withDatabase(async (db) => {
  const token = await createToken(db, args.user!, { expiresAt });
  if (expiresAt) console.log(`It expires at ${expiresAt.toISOString()}.`);
  console.log(`API token for ${args.user} (shown once; send it as "Authorization: Bearer <token>"):`);
  console.log(token);
});
