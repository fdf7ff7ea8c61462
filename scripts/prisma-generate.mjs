// Writes both provider schemas and generates both Prisma clients (postinstall and build).
import { execFileSync } from "node:child_process";
import { writeFileSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { providers, root, schemaPath, schemaText } from "./prisma-schemas.mjs";

const prismaBin = path.join(root, "node_modules", "prisma", "build", "index.js");
for (const provider of providers) {
  const text = schemaText(provider);
  const file = schemaPath(provider);
  if (!existsSync(file) || readFileSync(file, "utf8") !== text) writeFileSync(file, text);
  execFileSync(
    process.execPath,
    [prismaBin, "generate", "--config", path.join(root, "prisma", `${provider}.config.ts`)],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    },
  );
}
console.log("prisma: generated clients for", providers.join(" and "));
