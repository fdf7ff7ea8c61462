// npm run token:create -- --user NAME [--expires-in-days N]
//   → a user token, acting as NAME; the token alone on the last line.
// npm run token:create -- --name dss --users '*' --role admin [--hosts 10.0.0.5,10.0.0.6] [--expires-in-days N]
//   → a gateway token (Linkis style): acts as the request's Token-User when that user is in --users.
import { roleSchema } from "../server/core/roles.ts";
import { createGatewayToken, createToken } from "../server/auth/tokens.ts";
import { userNameSchema } from "../server/auth/users.ts";
import { cliArgs } from "./cli-args.ts";
import { withDatabase } from "./with-database.ts";

const usage =
  "npm run token:create -- --user NAME [--expires-in-days N]\n" +
  "       npm run token:create -- --name NAME --users '*'|u1,u2 --role admin|viewer [--hosts h1,h2] [--expires-in-days N]";
const args = cliArgs(
  {
    user: { type: "string" },
    name: { type: "string" },
    users: { type: "string" },
    hosts: { type: "string" },
    role: { type: "string" },
    "expires-in-days": { type: "string" },
  },
  usage,
);
const fail = (why: string) => {
  console.error(`${why}\nusage: ${usage}`);
  process.exit(2);
};
const days = args["expires-in-days"];
if (days !== undefined && !/^[1-9]\d{0,4}$/.test(days)) fail("--expires-in-days is a whole number of days");
if (!args.user === !args.name) fail("give --user NAME (a user token) or --name NAME (a gateway token)");
const expiresAt = days ? new Date(Date.now() + Number(days) * 86_400_000) : undefined;
const list = (v: string | undefined) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

await withDatabase(async (db) => {
  let token: string;
  if (args.user) {
    if (args.users || args.hosts || args.role) fail("--users, --hosts and --role are for gateway tokens (--name)");
    token = await createToken(db, args.user, { expiresAt });
    console.log(`API token for ${args.user} (shown once; send it as "Authorization: Bearer <token>"):`);
  } else {
    const users = list(args.users);
    const role = roleSchema.safeParse(args.role);
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(args.name!)) fail("--name is 1-64 letters, digits, or _ . -");
    if (users.length === 0) fail("--users is '*' (any user) or a comma-separated list of user names");
    if (users.some((u) => u !== "*" && !userNameSchema.safeParse(u).success)) fail("--users has an invalid name");
    if (!role.success) fail("--role is admin or viewer");
    const hosts = list(args.hosts);
    token = await createGatewayToken(db, { name: args.name!, users, hosts, role: role.data!, expiresAt }).catch(
      (err: { code?: string }) => {
        if (err.code === "P2002") fail(`a token named ${args.name} exists: revoke it first (npm run token:revoke)`);
        throw err;
      },
    );
    console.log(
      `Gateway token ${args.name} for users ${users.join(",")}${hosts.length ? ` from ${hosts.join(",")}` : ""}, role ${role.data} ` +
        `(shown once; send it as "Token-Code: <token>" with "Token-User: <user>"):`,
    );
  }
  if (expiresAt) console.log(`It expires at ${expiresAt.toISOString()}.`);
  console.log(token);
});
