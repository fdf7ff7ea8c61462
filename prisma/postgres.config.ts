// Prisma CLI config for the PostgreSQL schema (see sqlite.config.ts for why engine "js").
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL?.startsWith("postgres")
  ? process.env.DATABASE_URL
  : "postgresql://localhost/contextservice";
process.env.DATABASE_URL ??= url;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("postgres", "schema.prisma"),
  async adapter() {
    return new PrismaPg({ connectionString: url });
  },
});
