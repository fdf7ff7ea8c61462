import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  prettier,
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "data/**",
    "tmp/**",
    "client/dist/**",
    "server/persistence/generated/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import/no-anonymous-default-export": "off",
    },
  },
  {
    // The engine room never reaches into the pages: the dashboard talks to it over HTTP only (docs/ARCHITECTURE.md).
    files: ["server/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/app/**", "**/components/**", "@/app/*", "@/components/*"],
              message: "server/ must not import from app/ or components/",
            },
          ],
        },
      ],
    },
  },
]);
