import { configDefaults, defineConfig } from "vitest/config";

// Integration tests run once per database: always SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
const databases = ["sqlite", ...(process.env.TEST_DATABASE_URL ? ["postgres"] : [])];

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      ...databases.map((db) => ({
        extends: true as const,
        test: {
          name: `integration-${db}`,
          include: ["test/integration/**/*.test.ts"],
          // Cluster mode runs on PostgreSQL only (several processes on one database).
          exclude: [...configDefaults.exclude, ...(db === "sqlite" ? ["test/integration/cluster/**"] : [])],
          env: { TEST_DB: db },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      })),
    ],
  },
});
