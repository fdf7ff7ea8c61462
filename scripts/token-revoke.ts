// npm run token:revoke -- --id N | --name NAME | --user NAME
//   → revokes one token (by id, or a gateway token by name), or every token of a user.
import { logSecurityEvent } from "../server/auth/security-log.ts";
import { revokeTokens } from "../server/auth/tokens.ts";
import { cliArgs } from "./cli-args.ts";
import { withDatabase } from "./with-database.ts";

const usage = "npm run token:revoke -- --id N | --name NAME | --user NAME";
const args = cliArgs({ id: { type: "string" }, name: { type: "string" }, user: { type: "string" } }, usage);
const given = [args.id, args.name, args.user].filter((v) => v !== undefined).length;
if (given !== 1 || (args.id && !/^\d+$/.test(args.id))) {
  console.error(
    `give one of --id N (see npm run token:list), --name NAME (a gateway token) or --user NAME\nusage: ${usage}`,
  );
  process.exit(2);
}
await withDatabase(async (db) => {
  const prefixes = await revokeTokens(
    db,
    args.id ? { id: Number(args.id) } : args.name ? { name: args.name } : { userName: args.user! },
  );
  logSecurityEvent({ event: "token-revoked", by: "cli", prefixes });
  console.log(prefixes.length ? `Revoked ${prefixes.join(", ")}.` : "No active token matched.");
});
