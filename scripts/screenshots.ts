// Screenshots of every dashboard page, light and dark, at 1400 and 820 px wide, to look at by
// hand (not a test: nothing is asserted). Run against a started server:
//   npx tsx scripts/screenshots.ts --url http://127.0.0.1:3000 --password ADMIN_PASSWORD [--out tmp/screenshots] [--seed yes]
// --seed adds a few contexts first (one with a large value and many entries) so lists are not empty.
import { mkdirSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/chromium.ts";
import { cliArgs } from "./cli-args.ts";

const args = cliArgs(
  {
    url: { type: "string" },
    password: { type: "string" },
    user: { type: "string" },
    out: { type: "string" },
    seed: { type: "string" },
  },
  "tsx scripts/screenshots.ts --url URL --password PASSWORD [--user admin] [--out DIR] [--seed yes]",
);
const base = args.url ?? "http://127.0.0.1:3000";
const out = args.out ?? "tmp/screenshots";
const REST = "/api/rest_j/v1/contextservice";

async function logIn(page: Page) {
  await page.goto(`${base}/login`);
  await page.getByLabel("User").fill(args.user ?? "admin");
  await page.getByLabel("Password").fill(args.password ?? "");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByTestId("current-user").waitFor();
}

async function post(page: Page, name: string, data: unknown) {
  const res = await page.request.post(`${base}${REST}/${name}`, { headers: { origin: base }, data });
  if (!res.ok()) throw new Error(`${name}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as { data: Record<string, unknown> };
}

/** A few contexts: one with many entries of two types and a large value, the others small. */
async function seed(page: Page) {
  const ids: string[] = [];
  for (const [user, application] of [
    ["etl", "dss"],
    ["hadoop", "linkis"],
    ["alice", "notebook"],
  ]) {
    const created = await post(page, "createContextID", { contextID: { user, application } });
    ids.push(String(created.data.contextId));
  }
  const set = (contextID: string, key: string, contextType: string, value: unknown) =>
    post(page, "setValueByKey", {
      contextID,
      contextKey: { key, contextType, contextScope: "PUBLIC" },
      contextValue: { value },
    });
  const rows = Array.from({ length: 200 }, (_, i) => ({ id: i, name: `row-${i}`, city: "Zürich" }));
  await set(ids[0]!, "node.sql_1.table.t_orders", "METADATA", {
    name: "t_orders",
    location: "/warehouse/orders",
    rows,
  });
  for (let n = 0; n < 30; n++) await set(ids[0]!, `node.sql_${n}.var.batch_size`, "DATA", n * 100);
  await set(ids[0]!, "env.queue", "ENV", { queue: "default", retries: 3 });
  await set(ids[1]!, "node.py_1.result", "DATA", { ok: true });
  return ids[0]!;
}

async function firstContextId(page: Page) {
  const res = await page.request.get(`${base}/api/v1/contexts?limit=1&sort=updateTime`);
  const body = (await res.json()) as { items: { contextId: string }[] };
  return body.items[0]?.contextId;
}

async function shoot(page: Page, name: string) {
  const file = `${out}/${name}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}

async function main() {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch(chromiumLaunchOptions);
  const page = await browser.newPage();
  await logIn(page);
  const contextId = args.seed === "yes" ? await seed(page) : await firstContextId(page);
  const pages: [string, string][] = [
    ["overview", "/"],
    ["contexts", "/contexts"],
    ["search", "/search?q=orders&match=contains"],
    ["metrics", "/metrics"],
    ["listeners", "/listeners"],
    ["nodes", "/nodes"],
    ["cleanup", "/cleanup"],
    ["users", "/users"],
    ["tokens", "/tokens"],
    ...(contextId ? ([["context", `/contexts/${encodeURIComponent(contextId)}`]] as [string, string][]) : []),
  ];
  for (const colorScheme of ["light", "dark"] as const)
    for (const width of [1400, 820]) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      for (const [name, path] of pages) {
        await page.goto(`${base}${path}`);
        // Settled: no request for half a second, and no "Loading" left on the page.
        await page.waitForLoadState("networkidle", { timeout: 5000 }).catch(() => undefined);
        await page
          .getByText(/^Loading/)
          .first()
          .waitFor({ state: "detached", timeout: 5000 })
          .catch(() => undefined);
        await shoot(page, `${name}-${colorScheme}-${width}`);
        if (name === "context") {
          // The value viewer at work: the large value loaded, as a tree, searched.
          const load = page.getByRole("button", { name: /Load full value/ }).first();
          if (await load.count()) {
            await load.click();
            await page.getByRole("button", { name: "Tree" }).first().click();
            await page
              .getByLabel(/^Search in /)
              .first()
              .fill("row-19");
            await shoot(page, `context-viewer-${colorScheme}-${width}`);
          }
        }
      }
    }
  // The login page, logged out.
  const anonymous = await browser.newPage();
  for (const colorScheme of ["light", "dark"] as const) {
    await anonymous.emulateMedia({ colorScheme });
    await anonymous.goto(`${base}/login`);
    await anonymous.screenshot({ path: `${out}/login-${colorScheme}.png` });
  }
  await browser.close();
}

await main();
