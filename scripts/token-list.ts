// npm run token:list   → every token (never its secret): id, kind, name or owner, role, users, hosts, state.
import { listTokens } from "../server/auth/tokens.ts";
import { withDatabase } from "./with-database.ts";

await withDatabase(async (db) => {
  const rows = await listTokens(db);
  if (rows.length === 0) return console.log("No tokens.");
  const state = (r: (typeof rows)[number]) =>
    r.revokedAt
      ? `revoked ${r.revokedAt}`
      : r.expiresAt && r.expiresAt <= new Date().toISOString()
        ? "expired"
        : "active";
  console.table(
    rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name ?? "",
      owner: r.user ?? "",
      role: r.role ?? "",
      users: r.users?.join(",") ?? "",
      hosts: r.hosts?.join(",") ?? (r.kind === "gateway" ? "any" : ""),
      prefix: r.prefix,
      created: r.createTime,
      expires: r.expiresAt ?? "never",
      state: state(r),
    })),
  );
});
