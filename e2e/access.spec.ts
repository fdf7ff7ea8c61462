import { expect, test } from "@playwright/test";
import { E2E_VIEWER_PASSWORD } from "./constants.ts";
import { logIn, sameOrigin, unique } from "./helpers.ts";

test("an admin creates a user, makes them admin and resets their password; the new password logs in", async ({
  page,
  browser,
}) => {
  await logIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  const name = unique("e2e_user");
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create user" }).click();
  const shown = page.getByRole("status").filter({ hasText: "shown only this once" });
  await expect(shown).toContainText(`User ${name} was created`);
  await shown.getByRole("button", { name: "Done" }).click();

  const row = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: name });
  await expect(row.getByRole("cell").nth(1)).toHaveText("viewer");
  await row.getByRole("button", { name: "Make admin" }).click();
  await page
    .getByRole("dialog", { name: `Make ${name} an admin?` })
    .getByRole("button", { name: "Make admin" })
    .click();
  await expect(row.getByRole("cell").nth(1)).toHaveText("admin");
  // The admin's own row offers no role change.
  const mine = page
    .getByRole("table", { name: "Users" })
    .getByRole("row")
    .filter({ hasText: /^admin/ });
  await expect(mine.getByRole("button", { name: /^Make / })).toHaveCount(0);

  await row.getByRole("button", { name: "Reset password" }).click();
  await page
    .getByRole("dialog", { name: `Reset ${name}'s password?` })
    .getByRole("button", { name: "Reset password" })
    .click();
  await expect(shown).toContainText(`The new password of ${name}.`);
  const password = (await shown.getByLabel("Secret").textContent())!.trim();

  const other = await browser.newPage();
  await logIn(other, name, password);
  await expect(other.getByTestId("current-user")).toContainText(`${name} · admin`);
  await other.close();
});

test("an admin creates user and gateway tokens, sees their last use, and a revoked token is refused at once", async ({
  page,
  playwright,
}) => {
  await logIn(page);
  await page.goto("/tokens");
  const form = page.getByRole("form", { name: "Create token" });
  await form.getByLabel("User", { exact: true }).fill("viewer");
  await form.getByLabel("Expires in days").fill("7");
  await form.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("status").filter({ hasText: "shown only this once" });
  const token = (await shown.getByLabel("Secret").textContent())!.trim();
  await shown.getByRole("button", { name: "Done" }).click();

  // A client without the page's cookie, as a service would call.
  const api = await playwright.request.newContext({ baseURL: page.url() });
  const me = (headers: Record<string, string>) => api.get("/api/v1/me", { headers });
  expect((await me({ authorization: `Bearer ${token}` })).status()).toBe(200);

  const rowName = `${token.slice(0, 10)}… of viewer`;
  const row = page.getByRole("table", { name: "Tokens" }).getByRole("row", { name: rowName });
  await expect(row).toContainText("active");
  // The last use is written just after the request it counts: reload until the page shows it.
  await expect(async () => {
    await page.reload();
    await expect(row.getByRole("cell").nth(6)).not.toHaveText("never", { timeout: 1000 });
  }).toPass();

  await row.getByRole("button", { name: "Revoke" }).click();
  await page
    .getByRole("dialog", { name: `Revoke ${rowName}?` })
    .getByRole("button", { name: "Revoke token" })
    .click();
  await expect(row).toContainText("revoked");
  expect((await me({ authorization: `Bearer ${token}` })).status()).toBe(401);

  // A Linkis gateway token: acts for the users it lists, with its own role.
  const gateway = unique("gw");
  await form.getByLabel("Kind").selectOption("gateway");
  await form.getByLabel("Name", { exact: true }).fill(gateway);
  await form.getByLabel("Acts for users").fill("alice, bob");
  await form.locator("select[name=role]").selectOption("viewer");
  await form.getByRole("button", { name: "Create token" }).click();
  const code = (await shown.getByLabel("Secret").textContent())!.trim();
  const asAlice = await me({ "token-code": code, "token-user": "alice" });
  expect(asAlice.status()).toBe(200);
  expect(await asAlice.json()).toMatchObject({ user: "alice", role: "viewer" });
  expect((await me({ "token-code": code, "token-user": "carol" })).status()).toBe(401);
  const gwRow = page.getByRole("table", { name: "Tokens" }).getByRole("row", { name: `gateway ${gateway}` });
  await expect(gwRow).toContainText("Token-User in alice, bob");
  await api.dispose();
});

test("a viewer sees no Users or Tokens page and is refused their endpoints (403)", async ({ page }) => {
  await logIn(page, "viewer", E2E_VIEWER_PASSWORD);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Contexts" })).toBeVisible();
  for (const name of ["Users", "Tokens"]) await expect(nav.getByRole("link", { name })).toHaveCount(0);
  for (const path of ["/users", "/tokens"]) {
    const direct = await page.goto(path);
    expect(direct?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "403 — admin role required" })).toBeVisible();
    await expect(page.getByRole("form")).toHaveCount(0);
  }
  const refusals = [
    await page.request.get("/api/v1/users"),
    await page.request.get("/api/v1/tokens"),
    await page.request.post("/api/v1/users", { headers: sameOrigin(), data: { name: "x_by_viewer", role: "admin" } }),
    await page.request.post("/api/v1/users/role", { headers: sameOrigin(), data: { name: "viewer", role: "admin" } }),
    await page.request.post("/api/v1/users/password", { headers: sameOrigin(), data: { name: "admin" } }),
    await page.request.post("/api/v1/tokens", { headers: sameOrigin(), data: { kind: "user", user: "viewer" } }),
    await page.request.post("/api/v1/tokens/revoke", { headers: sameOrigin(), data: { id: 1 } }),
  ];
  for (const res of refusals) expect(res.status(), res.url()).toBe(403);
});
