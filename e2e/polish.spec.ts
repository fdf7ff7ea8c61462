import { expect, test } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "./constants.ts";
import { createContextWithEntry, logIn, sameOrigin, unique } from "./helpers.ts";

test("a deep link opened while logged out comes back after the login, and only to this site", async ({ page }) => {
  await page.goto("/search?q=polish_deep_link&match=prefix");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("User").fill("admin");
  await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/search\?q=polish_deep_link&match=prefix$/);
  await expect(page.getByLabel("Key or keyword")).toHaveValue("polish_deep_link");

  await page.context().clearCookies();
  await page.goto("/login?callbackUrl=//example.org/phish");
  await page.getByLabel("User").fill("admin");
  await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});

test("every page has a favicon and no request of it fails", async ({ page }) => {
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await logIn(page);
  await page.goto("/contexts");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  const icon = await page.request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(failed).toEqual([]);
});

test("the skip link is the first tab stop and moves focus to the page", async ({ page }) => {
  await logIn(page);
  await page.goto("/contexts");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
});

test("entry tabs move with the arrow keys, Home and End", async ({ page }) => {
  await logIn(page);
  const contextId = await createContextWithEntry(page, unique("e2e_tabs"), "meta", { value: 1 });
  for (const contextType of ["DATA", "ENV"]) {
    const res = await page.request.post("/api/rest_j/v1/contextservice/setValueByKey", {
      headers: sameOrigin(),
      data: { contextID: contextId, contextKey: { key: "k", contextType }, contextValue: { value: contextType } },
    });
    expect(res.status()).toBe(200);
  }
  await page.goto(`/contexts/${contextId}`);
  const tab = (name: string) => page.getByRole("tab", { name: new RegExp(`^${name} `) });
  await expect(tab("METADATA")).toHaveAttribute("aria-selected", "true");
  await tab("METADATA").focus();
  await page.keyboard.press("ArrowRight");
  await expect(tab("DATA")).toHaveAttribute("aria-selected", "true");
  await expect(tab("DATA")).toBeFocused();
  await page.keyboard.press("End");
  await expect(tab("ENV")).toBeFocused();
  await expect(tab("ENV")).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowRight"); // wraps around
  await expect(tab("METADATA")).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowLeft");
  await expect(tab("ENV")).toHaveAttribute("aria-selected", "true");
  await expect(page).toHaveURL(/type=ENV/);
  // One tab stop: only the selected tab is in the tab order.
  await expect(tab("DATA")).toHaveAttribute("tabindex", "-1");
});

test("at 820 px the contexts page does not overflow sideways", async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 900 });
  await logIn(page);
  await createContextWithEntry(page, unique("a_rather_long_user_name_for_width"), "k", { value: 1 });
  await page.goto("/contexts?sort=bytes");
  await expect(page.getByRole("table", { name: "Contexts" })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
