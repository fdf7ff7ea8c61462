import { expect, type Page } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "./constants.ts";

/** Logs in through the login form and waits for the dashboard shell. */
export async function logIn(page: Page, user = "admin", password = E2E_ADMIN_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("User").fill(user);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("current-user")).toContainText(user);
}

/**
 * Headers for a cookie-authenticated POST from the test's request context: the server refuses
 * state changes without our Origin (CSRF defence), which a browser's own fetch would send.
 */
export const sameOrigin = () => ({ origin: `http://127.0.0.1:${process.env.E2E_PORT ?? 3217}` });
