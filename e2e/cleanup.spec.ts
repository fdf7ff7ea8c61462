import { expect, test, type Page } from "@playwright/test";
import { E2E_VIEWER_PASSWORD } from "./constants.ts";
import { logIn, sameOrigin } from "./helpers.ts";

const REST = "/api/rest_j/v1/contextservice";

/** A time as a datetime-local input holds it in the browser's zone: the normalized form, seconds left out when zero. */
const localInput = (page: Page, ms: number) =>
  page.evaluate((ms) => {
    const d = new Date(ms);
    const p = (n: number) => String(n).padStart(2, "0");
    const time = `${p(d.getHours())}:${p(d.getMinutes())}${d.getSeconds() ? `:${p(d.getSeconds())}` : ""}`;
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${time}`;
  }, ms);

const getContext = (page: Page, contextId: string) =>
  page.request.get(`${REST}/getContextID?contextId=${encodeURIComponent(contextId)}`);

test("admin previews a clear, confirms it by typing the count, watches it finish and finds it in the audit log", async ({
  page,
}) => {
  await logIn(page);
  // The bounds are whole seconds: begin in a fresh second, so only this test's contexts fall inside them. The
  // second is fixed before waiting and the wait checks the wall clock, because a timer can fire a millisecond
  // before Date.now() reaches its mark — the window then began in the previous second and took in the
  // contexts the spec before this one made in it (seen once: 5 matched instead of 3).
  const from = Math.ceil((Date.now() + 1) / 1000) * 1000;
  while (Date.now() < from) await new Promise((r) => setTimeout(r, from - Date.now() + 1));
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const created = await page.request.post(`${REST}/createContextID`, {
      headers: sameOrigin(),
      data: { contextID: { user: "e2e-cleanup" } },
    });
    expect(created.status()).toBe(200);
    ids.push(((await created.json()) as { data: { contextId: string } }).data.contextId);
  }
  const to = Math.ceil((Date.now() + 1) / 1000) * 1000;

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cleanup" }).click();
  await expect(page.getByRole("heading", { name: "Cleanup", exact: true })).toBeVisible();
  await page.getByLabel("Created from").fill(await localInput(page, from));
  await page.getByLabel("Created to").fill(await localInput(page, to));
  await page.getByRole("button", { name: "Preview" }).click();

  await expect(page.getByTestId("preview-count")).toHaveText(/^3 contexts match/);
  // The bounds are in the URL: a reload (or a shared link) keeps them.
  await expect(page).toHaveURL(/createTimeStart=.*createTimeEnd=/);
  const previewTable = page.getByRole("table", { name: "Contexts to delete" });
  const listed = previewTable.getByRole("link");
  await expect(listed).toHaveCount(3);
  // Each previewed context with who made it and when, and the same selection in the contexts list.
  await expect(previewTable.getByRole("row").nth(1)).toContainText("e2e-cleanup");
  await expect(page.getByRole("link", { name: "Open all of them in the contexts list" })).toHaveAttribute(
    "href",
    /^\/contexts\?createdFrom=.*&createdTo=/,
  );
  for (const id of ids)
    await expect(listed.filter({ hasText: id })).toHaveAttribute("href", `/contexts/${encodeURIComponent(id)}`);
  for (const id of ids) expect((await getContext(page, id)).status()).toBe(200); // a preview deletes nothing

  const confirm = page.getByRole("form", { name: "Confirm deletion" });
  const del = confirm.getByRole("button", { name: "Delete 3 contexts" });
  await expect(del).toBeDisabled();
  await confirm.getByLabel(/Type 3 to confirm/).fill("2");
  await expect(del).toBeDisabled();
  await confirm.getByLabel(/Type 3 to confirm/).fill("3");
  await expect(del).toBeEnabled();
  await del.click();
  // The clear's progress replaces the preview: no stale list above the result.
  await expect(page.getByRole("heading", { name: "Preview" })).toHaveCount(0);

  const bar = page.getByRole("progressbar", { name: "Clear progress" });
  await expect(bar).toHaveAttribute("aria-valuemax", "3");
  await expect(bar).toHaveAttribute("aria-valuenow", "3");
  await expect(page.getByTestId("clear-figures")).toContainText("3 / 3 contexts");
  await expect(page.getByTestId("clear-figures")).toContainText("contexts/s");
  await expect(page.getByTestId("clear-figures")).toContainText("live"); // followed over socket.io, not by polling
  await expect(page.getByTestId("clear-result")).toContainText("deleted 3 contexts in");
  for (const id of ids) expect((await getContext(page, id)).status()).toBe(404);

  // The audit log, newest first, gains the clear's line once it finishes.
  const newest = page.getByRole("table", { name: "Audit log" }).getByRole("row").nth(1);
  await expect(newest).toContainText("clearAllContextByTime");
  await expect(newest.getByRole("cell").nth(4)).toHaveText("3");
  await expect(newest.getByRole("cell").nth(6)).toContainText(/^ok · job \d+/);
  const previewLine = page.getByRole("table", { name: "Audit log" }).getByRole("row").nth(2);
  await expect(previewLine.getByRole("cell").nth(6)).toHaveText("preview");

  // The same bounds again: nothing left to delete.
  await page.getByRole("button", { name: "New cleanup" }).click();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-count")).toHaveText(/No context matches/);
});

test("bounds come from presets and stay in the URL across a reload", async ({ page }) => {
  await logIn(page);
  await page.goto("/cleanup");
  await page.getByRole("group", { name: "Presets" }).getByRole("button", { name: "Not accessed for 30 days" }).click();
  const accessedTo = page.getByLabel("Accessed to");
  await expect(accessedTo).not.toHaveValue("");
  const expected = await page.evaluate(() => Date.now() - 30 * 86_400_000);
  const set = Date.parse(await accessedTo.inputValue());
  expect(Math.abs(set - expected)).toBeLessThan(120_000);
  await expect(page).toHaveURL(/accessTimeEnd=/);
  await page.reload();
  await expect(page.getByLabel("Accessed to")).toHaveValue(await accessedTo.inputValue());
  // Another preset replaces the bounds rather than adding to them.
  await page.getByRole("group", { name: "Presets" }).getByRole("button", { name: "Not updated for 90 days" }).click();
  await expect(page.getByLabel("Accessed to")).toHaveValue("");
  await expect(page.getByLabel("Updated to")).not.toHaveValue("");
});

test("admin clears pasted ids after typing how many; the answer says how many went", async ({ page }) => {
  await logIn(page);
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const created = await page.request.post(`${REST}/createContextID`, {
      headers: sameOrigin(),
      data: { contextID: { user: "e2e-clear-ids" } },
    });
    ids.push(((await created.json()) as { data: { contextId: string } }).data.contextId);
  }
  await page.goto("/cleanup");
  const panel = page.getByRole("region", { name: "Clear by ids" });
  await panel.getByLabel(/Context ids/).fill(`${ids[0]},\n ${ids[1]}\n${ids[0]}`);
  await panel.getByRole("button", { name: "Clear 2 contexts by id" }).click();
  const dialog = page.getByRole("dialog", { name: "Clear 2 contexts?" });
  await expect(dialog).toContainText(ids[1]!);
  await dialog.getByRole("textbox").fill("2");
  await dialog.getByRole("button", { name: "Clear 2 contexts" }).click();
  await expect(page.getByTestId("clear-by-ids-result")).toHaveText("Cleared 2 of 2 contexts.");
  for (const id of ids) expect((await getContext(page, id)).status()).toBe(404);
});

test("a viewer does not see Cleanup, is refused the page, and is refused the cleanup endpoints", async ({ page }) => {
  await logIn(page, "viewer", E2E_VIEWER_PASSWORD);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Contexts" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Cleanup" })).toHaveCount(0);

  const direct = await page.goto("/cleanup");
  expect(direct?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "403 — admin role required" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Cleanup bounds" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Preview" })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Audit log" })).toHaveCount(0);

  // Bounds that match nothing, so a broken check could not delete other specs' contexts.
  const nothing = { createTimeStart: "2000-01-01 00:00:00", createTimeEnd: "2000-01-02 00:00:00" };
  const refusals = [
    await page.request.get(`${REST}/searchContextIDByTime?createTimeStart=2000-01-01 00:00:00`),
    await page.request.post(`${REST}/clearAllContextByTime`, { headers: sameOrigin(), data: nothing }),
    await page.request.post(`${REST}/clearAllContextByTime`, {
      headers: sameOrigin(),
      data: { ...nothing, dryRun: true },
    }),
    await page.request.post(`${REST}/clearAllContextByID`, {
      headers: sameOrigin(),
      data: { idList: ["no-such-context"] },
    }),
    await page.request.post("/api/v1/cleanup/jobs", { headers: sameOrigin(), data: nothing }),
    await page.request.get("/api/v1/cleanup/jobs"),
    await page.request.get("/api/v1/audit"),
  ];
  for (const res of refusals) {
    expect(res.status(), res.url()).toBe(403);
    expect(((await res.json()) as { status: number }).status, res.url()).toBe(3);
  }
});
