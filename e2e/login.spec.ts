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

test("after logging out, the old session cookie is refused by the server as well", async ({ page, browser }) => {
  await logIn(page);
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  // Replay the cookie the browser had before signing out: before, the 12 h JWT still worked.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const res = await replay.request.get("/api/v1/me");
  expect(res.status()).toBe(401);
  await replay.close();
});

test("repeated wrong passwords lock the user out with 429 and the form says so", async ({ page }) => {
  const user = `locked-${Date.now()}`;
  const csrf = async () => (await (await page.request.get("/api/auth/csrf")).json()).csrfToken as string;
  let last = 0;
  for (let i = 0; i < 11; i++) {
    const res = await page.request.post("/api/auth/callback/credentials", {
      form: { username: user, password: "wrong", csrfToken: await csrf(), json: "true" },
      maxRedirects: 0,
    });
    last = res.status();
    if (last === 429) {
      expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
      break;
    }
  }
  expect(last).toBe(429);
  await page.goto("/login");
  await page.getByLabel("User").fill(user);
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("form", { name: "Log in" }).getByRole("alert")).toContainText("Too many failed logins");
});
