// npm run user:create -- --user NAME --role admin|viewer [--password P]
import { roleSchema } from "../server/core/roles.ts";
import { createUser } from "../server/auth/users.ts";
import { cliArgs } from "./cli-args.ts";
import { withDatabase } from "./with-database.ts";

const usage = "npm run user:create -- --user NAME --role admin|viewer [--password PASSWORD]";
const args = cliArgs({ user: { type: "string" }, role: { type: "string" }, password: { type: "string" } }, usage);
const role = roleSchema.safeParse(args.role);
if (!args.user || !role.success) {
  console.error(`--user and --role admin|viewer are required\nusage: ${usage}`);
  process.exit(2);
}
await withDatabase(async (db) => {
  if (await db.user.findUnique({ where: { name: args.user } })) throw new Error(`User ${args.user} already exists.`);
  const created = await createUser(db, args.user!, role.data, args.password);
  console.log(`Created user ${created.name} (${created.role}).`);
  if (!args.password) console.log(`Password: ${created.password}`);
});
