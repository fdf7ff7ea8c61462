import { expect, test, type Page } from "@playwright/test";
import { E2E_VIEWER_PASSWORD } from "./constants.ts";
import { createContextWithEntry, logIn, unique } from "./helpers.ts";

const figure = (page: Page, label: string) =>
  page
    .getByTestId("overview-figures")
    .locator(".stat")
    .filter({ has: page.locator(".label").getByText(label, { exact: true }) })
    .locator(".value");

test("the overview shows contexts, entries, the cache, listeners and, to an admin, the latest cleanups", async ({
  page,
}) => {
  // A wrong password somewhere else: the server logs it as a warning, which the overview lists.
  const stranger = await page.context().browser()!.newPage();
  await stranger.goto("/login");
  await stranger.getByLabel("User").fill(unique("nobody"));
  await stranger.getByLabel("Password").fill("wrong-password");
  await stranger.getByRole("button", { name: "Log in" }).click();
  await expect(stranger.getByRole("form", { name: "Log in" }).getByRole("alert")).toBeVisible();
  await stranger.close();

  await logIn(page);
  await createContextWithEntry(page, unique("overview"), "k", { value: "v" });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(figure(page, "Contexts")).toHaveText(/^(≈ )?\d[\d,]*$/);
  await expect(figure(page, "Entries")).toHaveText(/^(≈ )?\d[\d,]*$/);
  await expect(figure(page, "Cached")).toContainText("contexts");
  await expect(figure(page, "Hit ratio")).toHaveText(/^(—|\d+\.\d% of \d+ lookups)$/);
  await expect(figure(page, "Live subscribers")).toHaveText(/^\d+/);
  await expect(figure(page, "Heartbeat clients")).toHaveText(/^\d+$/);
  await expect(page.getByRole("heading", { name: "Latest cleanups" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Recent warnings and errors" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Recent warnings and errors" })).toContainText("login-failed");
});

test("a viewer sees the figures but not who cleaned up what", async ({ page }) => {
  await logIn(page, "viewer", E2E_VIEWER_PASSWORD);
  await expect(figure(page, "Contexts")).toHaveText(/^(≈ )?\d[\d,]*$/);
  await expect(page.getByRole("heading", { name: "Latest cleanups" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Recent warnings and errors" })).toHaveCount(0);
});
