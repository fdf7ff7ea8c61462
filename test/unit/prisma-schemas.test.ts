import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM helper shared with the npm scripts, no types
import { providers, schemaPath, schemaText } from "../../scripts/prisma-schemas.mjs";

describe("provider schemas", () => {
  it.each(providers as string[])(
    "prisma/%s/schema.prisma is derived from prisma/models.prisma (run npm run db:schemas)",
    (provider) => {
      expect(readFileSync(schemaPath(provider), "utf8")).toBe(schemaText(provider));
    },
  );

  it("both migration folders create the same tables", () => {
    const tables = (p: string) =>
      [
        ...readFileSync(`prisma/${p}/migrations/20261122000000_init/migration.sql`, "utf8").matchAll(
          /CREATE TABLE "(\w+)"/g,
        ),
      ]
        .map((m) => m[1])
        .sort();
    expect(tables("sqlite")).toEqual(tables("postgres"));
    expect(tables("sqlite")).toContain("context_entry");
  });
});
