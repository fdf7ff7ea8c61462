import { expect, test, type Page } from "@playwright/test";
import { logIn, sameOrigin, unique } from "./helpers.ts";

async function createContexts(page: Page, user: string, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await page.request.post("/api/rest_j/v1/contextservice/createContextID", {
      headers: sameOrigin(),
      data: { contextID: { user, application: "e2e-list" } },
    });
    expect(res.status()).toBe(200);
    ids.push(((await res.json()) as { data: { contextId: string } }).data.contextId);
  }
  return ids;
}

test("the list shows its total, keeps page size and position in the URL, and sorts by its headers", async ({
  page,
}) => {
  await logIn(page);
  const user = unique("e2e_pos");
  const ids = await createContexts(page, user, 27);
  await page.goto(`/contexts?user=${user}&limit=25`);
  const shown = page.getByRole("status", { name: "Rows shown" });
  const rows = page.getByRole("table", { name: "Contexts" }).getByRole("row");
  await expect(shown).toHaveText("1–25 of 27");
  await expect(rows).toHaveCount(26);

  await page.getByRole("button", { name: "Load more contexts" }).click();
  await expect(page).toHaveURL(/pages=2/);
  await expect(shown).toHaveText("1–27 of 27");
  // A reload comes back to the same position, not to the first page.
  await page.reload();
  await expect(shown).toHaveText("1–27 of 27");
  await expect(rows).toHaveCount(28);
  await expect(page.getByRole("button", { name: "Load more contexts" })).toHaveCount(0);

  // Newest first by default; the Created header turns it around and says so.
  const created = page.getByRole("columnheader", { name: /Created/ });
  await expect(created).toHaveAttribute("aria-sort", "descending");
  await expect(rows.nth(1)).toContainText(ids[26]!);
  await created.getByRole("button").click();
  await expect(page).toHaveURL(/order=asc/);
  await expect(created).toHaveAttribute("aria-sort", "ascending");
  await expect(rows.nth(1)).toContainText(ids[0]!);
  await page
    .getByRole("columnheader", { name: /Accessed/ })
    .getByRole("button")
    .click();
  await expect(page).toHaveURL(/sort=accessTime/);
  await expect(page.getByRole("columnheader", { name: /Accessed/ })).toHaveAttribute("aria-sort", "descending");

  // A page size from the select; the position starts over.
  await page.getByLabel("Rows per page").selectOption("100");
  await expect(page).toHaveURL(/limit=100/);
  await expect(page).not.toHaveURL(/pages=/);
  await expect(shown).toHaveText("1–27 of 27");
});

test("sorting by memory shows the memory column, with each context's size", async ({ page }) => {
  await logIn(page);
  const user = unique("e2e_mem");
  await createContexts(page, user, 3);
  await page.goto(`/contexts?user=${user}`);
  await expect(page.getByRole("columnheader", { name: /Memory/ })).toHaveCount(0);
  await page.getByLabel("Sort by").selectOption("bytes");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/sort=bytes/);
  const memory = page.getByRole("columnheader", { name: /Memory/ });
  await expect(memory).toHaveAttribute("aria-sort", "descending");
  const cells = page.getByRole("table", { name: "Contexts" }).getByRole("row").nth(1).getByRole("cell");
  await expect(cells.last()).toHaveText(/^\d+(\.\d)? (B|KB|MB)$/);
  await expect(page.getByRole("status", { name: "Rows shown" })).toHaveText("1–3 of 3");
});
