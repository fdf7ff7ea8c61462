import { expect, test } from "@playwright/test";
import { createContextWithEntry, logIn, unique } from "./helpers.ts";

test("the contexts page lists a context by filter, and opening it shows its entry", async ({ page }) => {
  await logIn(page);
  const user = unique("e2e_user");
  const contextId = await createContextWithEntry(page, user, "orders", {
    value: { name: "orders_t", location: "/warehouse/orders" },
    valueType: "CSTable",
  });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contexts" }).click();
  await expect(page.getByRole("heading", { name: "Contexts" })).toBeVisible();
  await page.getByLabel("User").fill(user);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`user=${user}`));
  const rows = page.getByRole("table", { name: "Contexts" }).getByRole("row");
  await expect(rows).toHaveCount(2); // header + the one context
  await expect(rows.nth(1)).toContainText("e2e-app");
  // The admin's first column is the selection box.
  await expect(rows.nth(1).getByRole("cell").nth(4)).toHaveText("1");

  // The filter lives in the URL: a reload keeps it.
  await page.reload();
  await expect(page.getByLabel("User")).toHaveValue(user);
  await rows.nth(1).getByRole("link", { name: contextId }).click();

  await expect(page.getByRole("heading", { name: `Context ${contextId}` })).toBeVisible();
  await expect(page.getByRole("tab", { name: "METADATA (1)" })).toHaveAttribute("aria-selected", "true");
  const entry = page.getByRole("article", { name: "Entry orders" });
  await expect(entry).toContainText("scope PUBLIC");
  await expect(entry.getByLabel("Keywords")).toContainText("orders_t");
  await expect(entry.getByLabel("Value of orders")).toContainText('"location": "/warehouse/orders"');
});

test("a keyword search reaches the entry's context", async ({ page }) => {
  await logIn(page);
  const table = unique("customers_t");
  const contextId = await createContextWithEntry(page, unique("e2e_user"), "customers", {
    value: { name: table, location: "/warehouse/customers" },
    valueType: "CSTable",
  });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
  await page.getByLabel("Key or keyword").fill(table);
  await page.getByLabel("Type").selectOption("METADATA");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${table}`));
  const results = page.getByRole("table", { name: "Search results" });
  await expect(results.getByRole("row")).toHaveCount(2);
  await expect(results).toContainText(contextId);

  await results.getByRole("link", { name: "customers" }).click();
  await expect(page.getByRole("heading", { name: `Context ${contextId}` })).toBeVisible();
  const selected = page.getByRole("region", { name: "Selected entry" });
  await expect(selected.getByRole("article", { name: "Entry customers" })).toContainText(table);
});

test("a search that finds nothing says so", async ({ page }) => {
  await logIn(page);
  await page.goto(`/search?q=${unique("no_such_keyword")}`);
  await expect(page.getByText(/No entry has a key or keyword containing/)).toBeVisible();
});

test("a large value is collapsed and loaded on demand", async ({ page }) => {
  await logIn(page);
  const rows = Array.from({ length: 300 }, (_, i) => `row-${i}`);
  const contextId = await createContextWithEntry(page, unique("e2e_user"), "big", { value: { rows } });
  await page.goto(`/contexts/${contextId}`);
  const value = page.getByRole("article", { name: "Entry big" }).getByLabel("Value of big");
  await expect(value).not.toContainText("row-299");
  await page.getByRole("button", { name: /Load full value/ }).click();
  await expect(value).toContainText('"row-299"');
});

test("an unknown context shows the server's error, not a blank page", async ({ page }) => {
  await logIn(page);
  await page.goto("/contexts/8-8--cs_1_devcs_1_dev999999");
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "Context 8-8--cs_1_devcs_1_dev999999 does not exist.",
  );
});
