import { expect, test, type Page } from "@playwright/test";
import { E2E_VIEWER_PASSWORD } from "./constants.ts";
import { createContextWithEntry, logIn, setEntry, unique } from "./helpers.ts";

const rows = Array.from({ length: 300 }, (_, i) => `row-${i}`);

/** A context with a large METADATA value `big`, {rows} (past the list's preview), and two small ENV entries. */
async function seed(page: Page) {
  await logIn(page);
  const contextId = await createContextWithEntry(page, unique("viewer_user"), "big", { value: { rows } });
  await setEntry(page, contextId, "env.small", { mode: "batch", retries: 3 }, "ENV");
  await setEntry(page, contextId, "env.retries", 3, "ENV");
  return contextId;
}

for (const role of ["admin", "viewer"] as const) {
  test(`${role}: a large value previews laid out, opens in raw, pretty or tree view, and stays open across a tab switch`, async ({
    page,
    browser,
  }) => {
    const contextId = await seed(page);
    let viewing = page;
    if (role === "viewer") {
      viewing = await (await browser.newContext()).newPage();
      await logIn(viewing, "viewer", E2E_VIEWER_PASSWORD);
    }
    await viewing.goto(`/contexts/${contextId}`);
    const entry = viewing.getByRole("article", { name: "Entry big" });
    const value = entry.getByLabel("Value of big");

    // Collapsed, the cut value is laid out like a small one: a line per item, indented.
    await expect(value).toContainText('"row-0"');
    expect(await value.innerText()).toMatch(/^\{\n {2}"rows": \[\n {4}"row-0",\n {4}"row-1",\n/);
    await expect(value).not.toContainText("row-299");
    await entry.getByRole("button", { name: /Load full value/ }).click();
    await expect(value).toContainText('"row-299"');

    await entry.getByRole("button", { name: "Raw" }).click();
    await expect(value).toHaveJSProperty("innerText", JSON.stringify({ rows }));
    await entry.getByRole("button", { name: "Tree" }).click();
    const tree = entry.getByRole("tree", { name: "Value of big" });
    await expect(tree).toBeVisible();
    await expect(tree).toContainText("row-299");

    // Another type's tab and back: the value is still loaded and still a tree.
    await viewing.getByRole("tab", { name: /ENV/ }).click();
    await expect(viewing.getByRole("article", { name: "Entry env.small" })).toBeVisible();
    // A short scalar shows bare, without the viewer's tools.
    const scalar = viewing.getByRole("article", { name: "Entry env.retries" });
    await expect(scalar.getByLabel("Value of env.retries")).toHaveText("3");
    await expect(scalar.getByRole("button", { name: "Copy" })).toHaveCount(0);
    await viewing.getByRole("tab", { name: /METADATA/ }).click();
    await expect(entry.getByRole("tree", { name: "Value of big" })).toContainText("row-299");
    await expect(entry.getByRole("button", { name: "Tree" })).toHaveAttribute("aria-pressed", "true");
    await expect(entry.getByRole("button", { name: /Load full value/ })).toHaveCount(0);

    // Admins edit values; viewers only read them.
    await expect(entry.getByRole("button", { name: "Edit value" })).toHaveCount(role === "admin" ? 1 : 0);
    if (viewing !== page) await viewing.context().close();
  });
}

test("search inside a value marks and counts its matches; copy and download give the value", async ({
  page,
  context,
}) => {
  const contextId = await seed(page);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`/contexts/${contextId}`);
  const entry = page.getByRole("article", { name: "Entry big" });
  await entry.getByRole("button", { name: /Load full value/ }).click();
  const value = entry.getByLabel("Value of big");
  await expect(value).toContainText('"row-299"');

  await entry.getByLabel("Search in big").fill("ROW-29");
  await expect(entry.getByRole("status")).toHaveText("11 matches"); // row-29 and row-290 … row-299
  await expect(value.locator("mark")).toHaveCount(11);
  // In the tree, the branches holding a match open and the matching values are marked.
  await entry.getByRole("button", { name: "Tree" }).click();
  const tree = entry.getByRole("tree", { name: "Value of big" });
  await expect(tree).toContainText("row-290");
  await expect(tree.locator("[data-hit]")).toHaveCount(11);
  await expect(tree.locator("[data-hit]").first()).toBeInViewport();

  await entry.getByLabel("Search in big").fill("");
  await entry.getByRole("button", { name: "Copy" }).click();
  await expect(entry.getByRole("status")).toHaveText("Copied");
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual({ rows });

  const download = page.waitForEvent("download");
  await entry.getByRole("button", { name: "Download" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("big.json");
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  expect(JSON.parse(Buffer.concat(chunks).toString("utf8"))).toEqual({ rows });
});

test("a context of 130 entries is filtered by part of the key, any case, kept in the URL", async ({ page }) => {
  await logIn(page);
  const contextId = await createContextWithEntry(page, unique("many_user"), "node.sql_0.table.T_Orders_0", {
    value: { n: 0 },
  });
  for (let n = 1; n < 130; n++) await setEntry(page, contextId, `node.sql_${n}.table.T_Orders_${n}`, { n });
  await page.goto(`/contexts/${contextId}`);
  await expect(page.getByRole("tab", { name: "METADATA (130)" })).toBeVisible();

  await page.getByLabel("Filter keys").fill("ORDERS_12");
  await expect(page).toHaveURL(/keyFilter=ORDERS_12/);
  const cards = page.getByRole("tabpanel").getByRole("article");
  await expect(cards).toHaveCount(11); // _12 and _120 … _129
  await expect(cards.first()).toHaveAccessibleName("Entry node.sql_12.table.T_Orders_12");

  await page.reload();
  await expect(page.getByLabel("Filter keys")).toHaveValue("ORDERS_12");
  await expect(cards).toHaveCount(11);

  await page.getByLabel("Filter keys").fill("no_such_key");
  await expect(page.getByText("No METADATA entry has a key containing")).toBeVisible();

  // The same context again through the header's box (no reload: the page stays, its URL loses the
  // filter), then Back: each time the box follows the URL rather than writing its text over it.
  await page.getByLabel("Filter keys").fill("ORDERS_12");
  await expect(page).toHaveURL(/keyFilter=ORDERS_12/);
  await page.getByPlaceholder(/Go to context id/).fill(contextId);
  await page.getByPlaceholder(/Go to context id/).press("Enter");
  await expect(page.getByLabel("Filter keys")).toHaveValue("");
  await expect(cards).not.toHaveCount(11);
  await expect(page).not.toHaveURL(/keyFilter/);
  await page.goBack();
  await expect(page.getByLabel("Filter keys")).toHaveValue("ORDERS_12");
  await expect(cards).toHaveCount(11);
  await expect(page).toHaveURL(/keyFilter=ORDERS_12/);
});
