// Prisma CLI config for the SQLite schema. engine "js" makes the CLI use the WASM schema
// engine: this machine cannot download Prisma's native engine binaries.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const url = process.env.DATABASE_URL?.startsWith("file:") ? process.env.DATABASE_URL : "file:./data/contextservice.db";
process.env.DATABASE_URL ??= url;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("sqlite", "schema.prisma"),
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
});
