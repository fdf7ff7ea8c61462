import { expect, test } from "@playwright/test";
import { logIn, sameOrigin } from "./helpers.ts";

const REST = "/api/rest_j/v1/contextservice";

test("admin filters the audit log by action, outcome and time; the filters live in the URL", async ({ page }) => {
  await logIn(page);
  // A search (ok) and a reset of a context that does not exist (refused): lines this test filters for.
  expect((await page.request.get(`${REST}/searchContextIDByTime?createTimeStart=2000-01-01 00:00:00`)).status()).toBe(
    200,
  );
  const reset = await page.request.post("/api/v1/contexts/8-8--cs_1_devcs_1_dev999999/reset", {
    headers: sameOrigin(),
    data: {},
  });
  expect(reset.status()).toBe(404);
  await page.goto("/cleanup");
  const form = page.getByRole("form", { name: "Filter the audit log" });
  const log = page.getByRole("table", { name: "Audit log" });
  const actionCells = log.locator("tbody tr td:nth-child(3)");

  // The choices come from the log itself.
  await expect(form.getByLabel("Action").locator("option", { hasText: "searchContextIDByTime" })).toHaveCount(1);
  await form.getByLabel("Action").selectOption("searchContextIDByTime");
  await form.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/auditAction=searchContextIDByTime/);
  await expect(actionCells.first()).toHaveText("searchContextIDByTime");
  await expect(actionCells.filter({ hasNotText: "searchContextIDByTime" })).toHaveCount(0);

  // A reload keeps the filter (and the form shows it).
  await page.reload();
  await expect(form.getByLabel("Action")).toHaveValue("searchContextIDByTime");
  await expect(actionCells.first()).toHaveText("searchContextIDByTime");

  await form.getByLabel("Action").selectOption("resetContextID");
  await form.getByLabel("Outcome").selectOption("refused");
  await form.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/auditOutcome=refused/);
  const outcomeCells = log.locator("tbody tr td:nth-child(7)");
  await expect(outcomeCells.first()).toContainText("refused");
  await expect(outcomeCells.filter({ hasNotText: "refused" })).toHaveCount(0);
  await expect(actionCells.filter({ hasNotText: "resetContextID" })).toHaveCount(0);

  // A range that holds nothing yet says so.
  await form.getByLabel("From").fill("2999-01-01T00:00:00");
  await form.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No audit line matches these filters.")).toBeVisible();

  await form.getByRole("button", { name: "Clear" }).click();
  await expect(page).not.toHaveURL(/audit(Action|Outcome|From)=/);
  await expect(actionCells.filter({ hasText: "searchContextIDByTime" }).first()).toBeVisible();
  await expect(actionCells.filter({ hasText: "resetContextID" }).first()).toBeVisible();
});
