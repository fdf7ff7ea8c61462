import { expect, test } from "@playwright/test";
import { E2E_VIEWER_PASSWORD } from "./constants.ts";
import { logIn } from "./helpers.ts";

const port = process.env.E2E_PORT ?? "3217";

test("one server without Redis shows itself as the only node, on the Nodes page and the overview", async ({ page }) => {
  await logIn(page, "viewer", E2E_VIEWER_PASSWORD);
  const overviewNodes = page.getByRole("region", { name: /^Nodes/ });
  await expect(overviewNodes.getByRole("heading", { name: "Nodes (1)" })).toBeVisible();
  await expect(overviewNodes.getByRole("table", { name: "Nodes" }).locator("tbody tr")).toHaveCount(1);
  await expect(overviewNodes.getByRole("table", { name: "Nodes" })).toContainText("this node");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Nodes" }).click();
  await expect(page.getByRole("heading", { name: "Nodes", level: 1 })).toBeVisible();
  await expect(page.getByTestId("cluster-figures")).toContainText("Nodes1");
  await expect(page.getByText("One process without Redis")).toBeVisible();
  const rows = page.getByRole("table", { name: "Nodes" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  // Its announced address is the port this server listens on; its version is the package's.
  await expect(rows.first()).toContainText(`http://127.0.0.1:${port}`);
  await expect(rows.first()).toContainText(/\d+\.\d+\.\d+/);
});

test("the Nodes page fits 820 px in the dark theme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 820, height: 900 });
  await logIn(page);
  await page.goto("/nodes");
  await expect(page.getByRole("table", { name: "Nodes" })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  // Every column in view: the table's own scroller has nothing to scroll either.
  const tableOverflow = await page
    .locator(".table-scroll")
    .filter({ has: page.getByRole("table", { name: "Nodes" }) })
    .evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(tableOverflow).toBeLessThanOrEqual(0);
  // The dark theme reaches the table (not a light island on a dark page).
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe("rgb(255, 255, 255)");
});
