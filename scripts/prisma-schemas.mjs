// Derives the two provider schemas from prisma/models.prisma, the one source of truth.
// Prisma needs one schema per provider; everything but the header is shared.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const providers = ["sqlite", "postgres"];

const header = (
  provider,
) => `// GENERATED from prisma/models.prisma by \`npm run db:schemas\`: edit that file, not this one.

generator client {
  provider   = "prisma-client"
  engineType = "client"
  output     = "../../server/persistence/generated/${provider}"
  moduleFormat = "esm"
}

datasource db {
  provider = "${provider === "postgres" ? "postgresql" : "sqlite"}"
  // Prisma's CLI misbehaves without a url even though the app passes a driver adapter.
  url      = env("DATABASE_URL")
}
`;

/** The text each provider's schema.prisma must have. */
export function schemaText(provider) {
  const models = readFileSync(path.join(root, "prisma", "models.prisma"), "utf8");
  return `${header(provider)}\n${models}`;
}

export const schemaPath = (provider) => path.join(root, "prisma", provider, "schema.prisma");
