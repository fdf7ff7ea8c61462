// npm run user:password -- --user NAME [--password P]
//   → resets a user's password (a generated one is printed once) and ends their dashboard sessions.
import { generatePassword } from "../server/auth/passwords.ts";
import { logSecurityEvent } from "../server/auth/security-log.ts";
import { passwordSchema, updateUser } from "../server/auth/users.ts";
import { cliArgs } from "./cli-args.ts";
import { withDatabase } from "./with-database.ts";

const usage = "npm run user:password -- --user NAME [--password PASSWORD]";
const args = cliArgs({ user: { type: "string" }, password: { type: "string" } }, usage);
const given = args.password === undefined ? undefined : passwordSchema.safeParse(args.password);
if (!args.user || given?.success === false) {
  console.error(`--user is required; a --password must have at least 12 characters\nusage: ${usage}`);
  process.exit(2);
}
await withDatabase(async (db) => {
  const password = args.password ?? generatePassword();
  await updateUser(db, args.user!, { password });
  logSecurityEvent({ event: "sessions-ended", user: args.user!, reason: "password" });
  console.log(`Reset the password of ${args.user}; their dashboard sessions have ended.`);
  if (!args.password) console.log(`Password: ${password}`);
});
