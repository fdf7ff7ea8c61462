import { expect, test, type Page } from "@playwright/test";
import { E2E_VIEWER_PASSWORD } from "./constants.ts";
import { createContextWithEntry, logIn, sameOrigin, setEntry, unique } from "./helpers.ts";

const REST = "/api/rest_j/v1/contextservice";

async function auditActions(page: Page, n: number) {
  const res = await page.request.get(`/api/v1/audit?limit=${n}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as {
    items: { action: string; criteria: { contextId?: string; idList?: string[] }; outcome: string }[];
  };
  return body.items;
}

test("an admin edits and deletes values, resets and removes a context, each confirmed and audited", async ({
  page,
}) => {
  await logIn(page);
  const contextId = await createContextWithEntry(page, unique("e2e_admin"), "orders", { value: { n: 1 } });
  await setEntry(page, contextId, "extra", "to delete");
  await setEntry(page, contextId, "kept", "until reset");
  await page.goto(`/contexts/${contextId}`);

  // Edit: invalid JSON is caught before it is sent; valid JSON is saved and shown.
  const orders = page.getByRole("article", { name: "Entry orders" });
  await orders.getByRole("button", { name: "Edit value" }).click();
  const editor = orders.getByLabel("Value (JSON)");
  await expect(editor).toHaveValue(/"n": 1/);
  await editor.fill('{"n": 2,');
  await expect(orders.getByText(/^Not valid JSON:/)).toBeVisible();
  await expect(orders.getByRole("button", { name: "Save value" })).toBeDisabled();
  await editor.fill('{"n": 2, "tags": ["a"]}');
  await expect(orders.getByText("Valid JSON.")).toBeVisible();
  await orders.getByRole("button", { name: "Save value" }).click();
  await expect(orders.getByLabel("Value of orders")).toContainText('"n": 2');
  await expect(orders.getByLabel("Value of orders")).toContainText('"a"');

  // Delete one value: the dialog asks first; Cancel changes nothing.
  const extra = page.getByRole("article", { name: "Entry extra" });
  await extra.getByRole("button", { name: "Delete value" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete extra?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(extra).toBeVisible();
  await extra.getByRole("button", { name: "Delete value" }).click();
  await dialog.getByRole("button", { name: "Delete value" }).click();
  await expect(extra).toHaveCount(0);
  await expect(page.getByRole("tab", { name: "METADATA (2)" })).toBeVisible();

  // Reset: every value goes, the context stays.
  await page.getByRole("button", { name: "Reset context" }).click();
  await page
    .getByRole("dialog", { name: "Reset this context?" })
    .getByRole("button", { name: "Remove all values" })
    .click();
  await expect(page.getByText("This context has no entries.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reset context" })).toBeDisabled();

  // Remove: the id must be typed; then the context is gone and the page goes back to the list.
  await page.getByRole("button", { name: "Remove context" }).click();
  const remove = page.getByRole("dialog", { name: "Remove this context?" });
  const confirm = remove.getByRole("button", { name: "Remove context" });
  await expect(confirm).toBeDisabled();
  await remove.getByLabel(`Type ${contextId} to confirm`).fill(contextId);
  await confirm.click();
  await expect(page).toHaveURL(/\/contexts$/);
  await page.goto(`/contexts/${contextId}`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(`Context ${contextId} does not exist.`);

  const audit = (await auditActions(page, 10)).filter((a) => a.criteria.contextId === contextId);
  expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual([
    "removeContextID:ok",
    "resetContextID:ok",
    "removeValue:ok",
    "setValue:ok",
  ]);
});

test("an admin ticks contexts in the list and clears them by id after typing the count", async ({ page }) => {
  await logIn(page);
  const user = unique("e2e_pick");
  const ids = [
    await createContextWithEntry(page, user, "a", { value: 1 }),
    await createContextWithEntry(page, user, "b", { value: 2 }),
    await createContextWithEntry(page, user, "c", { value: 3 }),
  ];
  await page.goto(`/contexts?user=${user}`);
  const table = page.getByRole("table", { name: "Contexts" });
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(page.getByRole("button", { name: "Clear 0 selected" })).toBeDisabled();
  await table.getByLabel(`Select ${ids[0]}`).check();
  await table.getByLabel(`Select ${ids[2]}`).check();
  await page.getByRole("button", { name: "Clear 2 selected" }).click();
  const dialog = page.getByRole("dialog", { name: "Clear 2 contexts?" });
  await expect(dialog).toContainText(ids[0]!);
  await expect(dialog).toContainText(ids[2]!);
  await expect(dialog).not.toContainText(ids[1]!);
  await dialog.getByLabel("Type 2 to confirm").fill("2");
  await dialog.getByRole("button", { name: "Clear 2 contexts" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Cleared" })).toHaveText("Cleared 2 contexts.");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText(ids[1]!);

  const audit = await auditActions(page, 5);
  const clear = audit.find((a) => a.action === "clearAllContextByID");
  expect(clear?.outcome).toBe("ok");
  // The list shows newest first, so the ids arrive in that order.
  expect(clear?.criteria.idList).toEqual([ids[2], ids[0]]);
});

test("a viewer sees no admin controls and the API refuses the actions (403)", async ({ page }) => {
  await logIn(page);
  const contextId = await createContextWithEntry(page, unique("e2e_view"), "orders", { value: { n: 1 } });
  await page.context().clearCookies();
  await logIn(page, "viewer", E2E_VIEWER_PASSWORD);

  await page.goto(`/contexts/${contextId}`);
  const orders = page.getByRole("article", { name: "Entry orders" });
  await expect(orders.getByLabel("Value of orders")).toContainText('"n": 1');
  for (const name of ["Edit value", "Delete value", "Reset context", "Remove context"]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
  await page.goto("/contexts");
  await expect(page.getByRole("table", { name: "Contexts" })).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /selected/ })).toHaveCount(0);

  const base = `/api/v1/contexts/${contextId}`;
  for (const [path, data] of [
    [`${base}/reset`, {}],
    [`${base}/remove`, {}],
    [`${base}/value`, { type: "METADATA", key: "orders", value: 2 }],
    [`${base}/value/remove`, { type: "METADATA", key: "orders" }],
    [`${REST}/clearAllContextByID`, { idList: [contextId] }],
  ] as const) {
    const res = await page.request.post(path, { headers: sameOrigin(), data });
    expect(res.status(), path).toBe(403);
  }
});
