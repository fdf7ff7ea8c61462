import { expect, test, type Page } from "@playwright/test";
import { logIn, sameOrigin } from "./helpers.ts";

const REST = "/api/rest_j/v1/contextservice";
const LIVE = { timeout: 15_000 }; // a few refreshes of the lists

/** Calls a Linkis endpoint with the page's session cookie; answers `data`. */
async function post(page: Page, name: string, data: unknown) {
  const res = await page.request.post(`${REST}/${name}`, { headers: sameOrigin(), data });
  expect(res.status(), name).toBe(200);
  return ((await res.json()) as { data: Record<string, unknown> }).data;
}

const createContext = async (page: Page) =>
  (await post(page, "createContextID", { contextID: { user: "e2e_listeners" } })).contextId as string;
const setValue = (page: Page, contextID: string, key: string, value: unknown) =>
  post(page, "setValueByKey", {
    contextID,
    contextKey: { key, contextType: "DATA", contextScope: "PUBLIC" },
    contextValue: { value },
  });

test("the listeners page streams a context's events live, holds them back while paused, and lists its own subscription", async ({
  page,
}) => {
  await logIn(page);
  const watched = await createContext(page);
  const other = await createContext(page);
  await post(page, "onBindIDListener", { contextID: watched, source: "e2e-node" });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Listeners" }).click();
  await expect(page.getByRole("heading", { name: "Listeners", level: 1 })).toBeVisible();
  const heartbeatRow = page.getByRole("table", { name: "Heartbeat clients" }).getByRole("row", { name: /e2e-node/ });
  await expect(heartbeatRow.getByRole("cell").nth(1)).toHaveText("1"); // one context binding
  await expect(page.getByText("The stream is stopped.")).toBeVisible();

  const filter = page.getByRole("form", { name: "Filter live events" });
  await filter.getByLabel("Context ids").fill(watched);
  await filter.getByRole("group", { name: "Context types" }).getByLabel("DATA", { exact: true }).check();
  await filter.getByRole("button", { name: "Start stream" }).click();
  await expect(page).toHaveURL(/stream=1/);
  await expect(page).toHaveURL(new RegExp(`ids=${encodeURIComponent(watched)}`));
  await expect(page.getByTestId("stream-state")).toHaveText("Live");

  // The page's own subscription is listed, with its filter.
  const own = page.getByRole("table", { name: "Live subscribers" }).getByRole("row", { name: /this page/ });
  await expect(own).toContainText(watched, LIVE);
  await expect(own).toContainText('"contextTypes":["DATA"]');

  const events = page.getByRole("table", { name: "Live events" });
  const rows = events.getByRole("row");
  await setValue(page, other, "elsewhere", 0); // another context: the filter keeps it out
  await setValue(page, watched, "first_key", { n: 1 });
  await expect(rows).toHaveCount(2); // header + the one event
  await expect(rows.nth(1)).toContainText("first_key");
  await expect(rows.nth(1)).toContainText("created");
  await expect(rows.nth(1)).toContainText('{"n":1}');
  await expect(events).not.toContainText("elsewhere"); // it was written first, so it would be here by now
  await expect(rows.nth(1).getByRole("link", { name: watched })).toHaveAttribute(
    "href",
    new RegExp(`^/contexts/${encodeURIComponent(watched)}`),
  );

  // Paused: the event arrives and is counted, but the list does not move.
  await page.getByRole("button", { name: "Pause stream" }).click();
  await setValue(page, watched, "second_key", { n: 2 });
  await expect(page.getByTestId("stream-counts")).toContainText("Paused: 1 event received since pausing");
  await expect(rows).toHaveCount(2);
  await expect(events).not.toContainText("second_key");

  // Resumed: the held event joins the list, newest first.
  await page.getByRole("button", { name: "Resume stream" }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText("second_key");
  await expect(rows.nth(2)).toContainText("first_key");
  await expect(page.getByTestId("stream-counts")).not.toContainText("Paused");
  await page.getByLabel("Rows kept").selectOption("100");
  await expect(page).toHaveURL(/cap=100/);

  // Live again: a removal shows at once.
  await post(page, "removeValue", {
    contextID: watched,
    contextKey: { key: "first_key", contextType: "DATA", contextScope: "PUBLIC" },
  });
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText("removed");

  // The filter lives in the URL: a reload subscribes again with it.
  await page.reload();
  await expect(page.getByTestId("stream-state")).toHaveText("Live");
  await expect(page.getByRole("form", { name: "Filter live events" }).getByLabel("Context ids")).toHaveValue(watched);
  await setValue(page, watched, "after_reload", 3);
  await expect(page.getByRole("table", { name: "Live events" }).getByRole("row").nth(1)).toContainText("after_reload");

  await page.getByRole("button", { name: "Stop stream" }).click();
  await expect(page.getByText("The stream is stopped.")).toBeVisible();
});

test("a filter the server refuses is shown as an error, not an empty stream", async ({ page }) => {
  await logIn(page);
  await page.goto("/listeners");
  const filter = page.getByRole("form", { name: "Filter live events" });
  await filter.getByLabel("Context ids").fill("not-a-context-id");
  await filter.getByRole("button", { name: "Start stream" }).click();
  await expect(page.getByTestId("event-stream").getByRole("alert")).toContainText(
    "The server refused the subscription",
  );
  await expect(page.getByTestId("event-stream").getByRole("alert")).toContainText("filter.contextIds");
  await expect(page.getByTestId("stream-state")).toHaveText("Stopped by an error");
});

test("a stream begins with the current entries, opens a value in full, survives leaving the page (replaying what changed meanwhile) and downloads as JSON lines", async ({
  page,
}) => {
  await logIn(page);
  const watched = await createContext(page);
  const long = { text: "x".repeat(300), tail: "end-of-value" };
  await setValue(page, watched, "existing", long);

  await page.goto("/listeners");
  const filter = page.getByRole("form", { name: "Filter live events" });
  await filter.getByLabel("Context ids").fill(watched);
  await filter.getByLabel("Begin with the current entries of the matching contexts").check();
  await filter.getByRole("button", { name: "Start stream" }).click();
  await expect(page).toHaveURL(/current=1/);
  const events = page.getByRole("table", { name: "Live events" });
  await expect(events.getByRole("row").nth(1)).toContainText("existing");

  // The list shows the start of the value; a click opens all of it under the row.
  await expect(events).not.toContainText("end-of-value");
  await events.getByRole("button", { name: /"text"/ }).click();
  await expect(page.getByLabel(/^Value of existing at revision/)).toContainText('"tail": "end-of-value"');

  // Away from the page, a change happens; back on it, the old rows are there and the change is replayed.
  const url = page.url();
  await page.goto("/");
  await setValue(page, watched, "while_away", 1);
  await page.goto(url);
  await expect(page.getByTestId("stream-state")).toHaveText("Live");
  await expect(events.getByRole("row").nth(1)).toContainText("while_away");
  await expect(events.getByRole("row").nth(2)).toContainText("existing");
  await expect(page.getByRole("list", { name: "Stream notes" })).toContainText("what changed since was replayed");

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download (JSON lines)" }).click();
  const file = await (await downloading).path();
  const lines = (await import("node:fs"))
    .readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines.map((l: { key: string }) => l.key)).toEqual(["existing", "while_away"]);

  // Stopping forgets it: starting the same filter again begins afresh.
  await page.getByRole("button", { name: "Stop stream" }).click();
  await expect(page.getByText("The stream is stopped.")).toBeVisible();
});
