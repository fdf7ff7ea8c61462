import { expect, test } from "@playwright/test";
import { E2E_VIEWER_PASSWORD } from "./constants.ts";
import { createContextWithEntry, logIn, unique } from "./helpers.ts";

test("the header's box opens a context by id, for a viewer too", async ({ page }) => {
  await logIn(page);
  const contextId = await createContextWithEntry(page, unique("e2e_goto"), "k", { value: 1 });
  await page.context().clearCookies();
  await logIn(page, "viewer", E2E_VIEWER_PASSWORD);
  await page.goto("/search");
  const box = page.getByRole("search", { name: "Go to context" }).getByLabel("Context id");
  // Pasted with stray spaces, as from a log line.
  await box.fill(`  ${contextId} `);
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/contexts/${contextId}$`));
  await expect(page.getByRole("heading", { name: `Context ${contextId}` })).toBeVisible();
  await expect(box).toHaveValue("");
});

test("search finds part of a key in any case, by substring or prefix, and says when nothing matches", async ({
  page,
}) => {
  await logIn(page);
  const key = unique("Invoices_Eu");
  const contextId = await createContextWithEntry(page, unique("e2e_find"), key, { value: { n: 1 } });
  await page.goto("/search");
  const form = page.getByRole("search", { name: "Search entries" });
  await expect(form.getByLabel("Match")).toHaveValue("contains");
  await form.getByLabel("Key or keyword").fill(key.slice(3).toLowerCase()); // "oices_eu_…"
  await form.getByRole("button", { name: "Search" }).click();
  const results = page.getByRole("table", { name: "Search results" });
  await expect(results.getByRole("row")).toHaveCount(2);
  await expect(results).toContainText(contextId);

  await form.getByLabel("Key or keyword").fill(key.slice(0, 8).toUpperCase()); // "INVOICES"
  await form.getByLabel("Match").selectOption("prefix");
  await form.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/match=prefix/);
  await expect(results).toContainText(contextId);

  // In the middle of the key is not at its start.
  await form.getByLabel("Key or keyword").fill(key.slice(3));
  await form.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(`No entry has a key or keyword starting with ${key.slice(3)}.`)).toBeVisible();

  // Exact still means exact.
  await form.getByLabel("Key or keyword").fill(key.toLowerCase());
  await form.getByLabel("Match").selectOption("exact");
  await form.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(/No entry has a key or keyword equal to/)).toBeVisible();
});

test("the contexts list filters by part of the user or application, in any case", async ({ page }) => {
  await logIn(page);
  const user = unique("Team.Alpha");
  const contextId = await createContextWithEntry(page, user, "k", { value: 1 });
  await page.goto("/contexts");
  const filters = page.getByRole("form", { name: "Filter contexts" });
  await filters.getByLabel("User").fill(user.slice(5).toUpperCase()); // "ALPHA_…"
  await filters.getByLabel("Application").fill("E2E-A"); // of "e2e-app"
  await filters.getByRole("button", { name: "Apply" }).click();
  const rows = page.getByRole("table", { name: "Contexts" }).getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(contextId);
});
