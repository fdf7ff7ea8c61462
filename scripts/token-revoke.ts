// npm run token:revoke -- --id N | --user NAME   → revokes one token, or every token of a user.
import { logSecurityEvent } from "../server/auth/security-log.ts";
import { revokeTokens } from "../server/auth/tokens.ts";
import { cliArgs } from "./cli-args.ts";
import { withDatabase } from "./with-database.ts";

const usage = "npm run token:revoke -- --id N | --user NAME";
const args = cliArgs({ id: { type: "string" }, user: { type: "string" } }, usage);
if (!args.id === !args.user || (args.id && !/^\d+$/.test(args.id))) {
  console.error(`give --id N (see the dashboard's tokens page) or --user NAME\nusage: ${usage}`);
  process.exit(2);
}
await withDatabase(async (db) => {
  const prefixes = await revokeTokens(db, args.id ? { id: Number(args.id) } : { userName: args.user! });
  logSecurityEvent({ event: "token-revoked", by: "cli", prefixes });
  console.log(prefixes.length ? `Revoked ${prefixes.join(", ")}.` : "No active token matched.");
});
