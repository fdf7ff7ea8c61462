import { expect, test } from "@playwright/test";
import { logIn } from "./helpers.ts";

test("an anonymous visitor is sent to the login page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
});

test("admin logs in and sees the dashboard shell", async ({ page }) => {
  await logIn(page);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cleanup" })).toBeVisible();
  await expect(page.getByTestId("health-summary")).toContainText("ok");
});

test("a wrong password is refused", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("User").fill("admin");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("form", { name: "Log in" }).getByRole("alert")).toHaveText(
    "Wrong user name or password.",
  );
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("logging out ends the session", async ({ page }) => {
  await logIn(page);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
