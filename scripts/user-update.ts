// npm run user:update -- --user NAME [--role admin|viewer] [--password P] [--end-sessions]
import { roleSchema } from "../server/core/roles.ts";
import { logSecurityEvent } from "../server/auth/security-log.ts";
import { updateUser } from "../server/auth/users.ts";
import { cliArgs } from "./cli-args.ts";
import { withDatabase } from "./with-database.ts";

const usage = "npm run user:update -- --user NAME [--role admin|viewer] [--password PASSWORD]";
const args = cliArgs({ user: { type: "string" }, role: { type: "string" }, password: { type: "string" } }, usage);
const role = args.role === undefined ? undefined : roleSchema.safeParse(args.role);
if (!args.user || role?.success === false) {
  console.error(`--user is required, --role must be admin or viewer\nusage: ${usage}`);
  process.exit(2);
}
await withDatabase(async (db) => {
  // Any change, even none but the call itself, ends the user's dashboard sessions.
  await updateUser(db, args.user!, { role: role?.data, password: args.password });
  logSecurityEvent({
    event: "sessions-ended",
    user: args.user!,
    reason: args.password ? "password" : args.role ? "role" : "admin",
  });
  console.log(`Updated ${args.user}; their dashboard sessions have ended.`);
});
