import { describe, expect, it } from "vitest";
import { checkImports } from "../../scripts/check-imports.ts";

/** Runs the check over made-up files: path -> source. */
const check = (files: Record<string, string>) => checkImports(Object.keys(files), (f) => files[f]!);

describe("server/ import rules", () => {
  it("hold for the tree as it is", () => {
    expect(checkImports()).toEqual([]);
  });

  it("keep client/contract/ to itself: no server/ file, no package", () => {
    expect(
      check({
        "client/contract/live-events.ts": `import type { ContextType } from "./context-kinds.ts";`,
        "client/contract/context-kinds.ts": ``,
        "server/core/context-types.ts": `import { contextTypes } from "../../client/contract/context-kinds.ts";`,
      }),
    ).toEqual([]);
    expect(
      check({
        "client/contract/a.ts": `import { z } from "zod";\nimport type { Entry } from "../../server/core/context-types.ts";`,
      }),
    ).toEqual([
      "client/contract/a.ts imports zod: client/contract/ imports only client/contract/ (no server/ file, no package)",
      "client/contract/a.ts imports ../../server/core/context-types.ts: client/contract/ imports only client/contract/ (no server/ file, no package)",
    ]);
  });

  it("let a domain use core, http and another domain's index.ts", () => {
    expect(
      check({
        "server/core/errors.ts": `export class AppError {}`,
        "server/http/route.ts": `import { AppError } from "../core/errors.ts";`,
        "server/cache/index.ts": `export * from "./lru.ts";`,
        "server/cache/lru.ts": `import type { X } from "../core/errors.ts";`,
        "server/contexts/service.ts": `import { Lru } from "../cache/index.ts";\nimport type { Route } from "../http/route.ts";`,
        "server/app.ts": `import { S } from "./contexts/service.ts";`,
      }),
    ).toEqual([]);
  });

  it("refuse another domain's internals, http importing a domain, core importing anything, and the wiring files", () => {
    const problems = check({
      "server/core/errors.ts": `import { x } from "../http/route.ts";`,
      "server/http/route.ts": `import type { Services } from "../services.ts";\nimport { auth } from "../auth/authenticate.ts";`,
      "server/cache/lru.ts": `import type { Entry } from "../contexts/types.ts";`,
      "server/contexts/types.ts": ``,
      "server/auth/authenticate.ts": ``,
      "server/services.ts": ``,
    });
    expect(problems).toEqual([
      expect.stringContaining(
        "server/core/errors.ts imports ../http/route.ts: core/ may import nothing else in server/",
      ),
      expect.stringContaining("server/http/route.ts imports ../services.ts: http/ may not import the wiring files"),
      expect.stringContaining("server/http/route.ts imports ../auth/authenticate.ts: http/ may import only core/"),
      expect.stringContaining("server/cache/lru.ts imports ../contexts/types.ts: a domain imports another domain only"),
    ]);
  });

  it("find cycles between domains (type-only imports and import() included) and between files", () => {
    const problems = check({
      "server/cache/index.ts": `import type { C } from "../contexts/index.ts";`,
      "server/contexts/index.ts": `export const load = () => import("../cache/index.ts");`,
      "server/metrics/a.ts": `import { b } from "./b.ts";`,
      "server/metrics/b.ts": `export { a } from "./a.ts";`,
    });
    expect(problems).toEqual([
      "folder cycle: cache -> contexts -> cache",
      "file cycle: server/metrics/a.ts -> server/metrics/b.ts -> server/metrics/a.ts",
    ]);
  });

  it("leave type-only cycles between files alone: an interface and its implementations may name each other", () => {
    expect(
      check({
        "server/contexts/store.ts": `import { SqlStore } from "./sql/sql-store.ts";\nexport interface Store {}`,
        "server/contexts/sql/sql-store.ts": `import type {\n  Store,\n} from "../store.ts";\nexport class SqlStore {}`,
      }),
    ).toEqual([]);
  });
});
