import { expect, test, type Page } from "@playwright/test";
import { logIn, sameOrigin } from "./helpers.ts";

const REST = "/api/rest_j/v1/contextservice";
const LIVE = { timeout: 15_000 }; // a few refreshes of the page

/** Writes a context of `values` 2 KB values and reads one back `reads` times, with the page's session cookie. */
async function writeAndRead(page: Page, values: number, reads: number) {
  const post = async (name: string, data: unknown) => {
    const res = await page.request.post(`${REST}/${name}`, { headers: sameOrigin(), data });
    expect(res.status(), name).toBe(200);
    return ((await res.json()) as { data: Record<string, unknown> }).data;
  };
  const { contextId } = (await post("createContextID", {
    contextID: { user: "e2e_metrics", application: "e2e-app" },
  })) as { contextId: string };
  const key = (i: number) => ({ key: `metric_${i}`, contextType: "DATA", contextScope: "PUBLIC" });
  for (let i = 0; i < values; i++)
    await post("setValueByKey", {
      contextID: contextId,
      contextKey: key(i),
      contextValue: { value: "m".repeat(2000) },
    });
  for (let i = 0; i < reads; i++) await post("getContextValue", { contextID: contextId, contextKey: key(0) });
  return contextId;
}

test("the metrics page shows the cache's figures live, and they change when data is written", async ({ page }) => {
  await logIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Metrics" }).click();
  await expect(page.getByRole("heading", { name: "Metrics" })).toBeVisible();

  const figure = (label: string) =>
    page.getByTestId("cache-figures").locator(".stat", { hasText: label }).locator(".value");
  await expect(figure("Contexts cached")).toHaveText(/^\d+ \/ \d+$/);
  const before = {
    contexts: await figure("Contexts cached").textContent(),
    bytes: await figure("Bytes (estimated)").textContent(),
    hitRatio: await figure("Hit ratio").textContent(),
  };
  // Before any data the charts may say so ("— nothing was cached…") instead of drawing zeros.
  await expect(page.getByTestId("chart-bytes")).toBeVisible();
  await expect(page.getByTestId("chart-hit-ratio")).toBeVisible();
  await expect(page.getByRole("table", { name: "Evictions by reason" }).getByRole("row")).toHaveCount(5);

  const contextId = await writeAndRead(page, 5, 3);

  await expect(figure("Contexts cached")).not.toHaveText(before.contexts!, LIVE);
  await expect(figure("Bytes (estimated)")).not.toHaveText(before.bytes!, LIVE);
  await expect(figure("Hit ratio")).not.toHaveText(before.hitRatio!, LIVE);
  await expect(page.getByTestId("chart-bytes").locator("svg.recharts-surface")).toBeVisible(LIVE);
  await expect(page.getByTestId("chart-hit-ratio").locator("svg.recharts-surface")).toBeVisible(LIVE);
  const topByBytes = page.getByRole("table", { name: "Top contexts by bytes" });
  await expect(topByBytes.getByRole("link", { name: contextId })).toBeVisible(LIVE);
  await expect(
    page.getByRole("table", { name: "Top contexts by accesses" }).getByRole("link", { name: contextId }),
  ).toBeVisible();

  // The same path answers Prometheus scrapers (here with the session cookie) in the text format.
  const scrape = await page.request.get("/metrics", { headers: { accept: "text/plain" } });
  expect(scrape.status()).toBe(200);
  expect(await scrape.text()).toMatch(/^contextservice_cache_contexts{node="[^"]+"} \d+$/m);

  await topByBytes.getByRole("link", { name: contextId }).click();
  await expect(page.getByRole("heading", { name: `Context ${contextId}` })).toBeVisible();
  await expect(page.getByTestId("context-metrics")).toContainText("Memory (estimated)");

  // Opened directly (a browser asking for HTML), /metrics is the page too.
  await page.goto("/metrics");
  await expect(page.getByRole("heading", { name: "Metrics" })).toBeVisible();
});

test("the charts draw the server's history, which a reload keeps; the time range is in the URL; tooltips follow the theme", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await logIn(page);
  await writeAndRead(page, 2, 2);
  // The server samples every second here (playwright.config.ts): wait until it holds a few.
  await expect
    .poll(async () => {
      const res = await page.request.get("/api/v1/metrics/history?range=5m");
      return ((await res.json()) as { points: unknown[] }).points.length;
    }, LIVE)
    .toBeGreaterThanOrEqual(3);

  await page.goto("/metrics");
  const bytesChart = page.getByTestId("chart-bytes");
  await expect(bytesChart.locator("path.recharts-area-area")).toBeVisible(LIVE);
  await page.reload();
  // A fresh page draws the whole history at once, not one dot.
  await expect(bytesChart.locator("path.recharts-area-area")).toBeVisible(LIVE);

  const ranges = page.getByRole("group", { name: "Time range" });
  await expect(ranges.getByRole("button", { name: "1 hour" })).toHaveAttribute("aria-pressed", "true");
  await ranges.getByRole("button", { name: "5 min" }).click();
  await expect(page).toHaveURL(/[?&]range=5m\b/);
  await page.reload();
  await expect(ranges.getByRole("button", { name: "5 min" })).toHaveAttribute("aria-pressed", "true");

  // Hovering a chart shows its tooltip in the dark theme's panel colour, not recharts' white box.
  await expect(bytesChart.locator("path.recharts-area-area")).toBeVisible(LIVE);
  const box = (await bytesChart.locator("svg.recharts-surface").boundingBox())!;
  await page.mouse.move(box.x + box.width - 10, box.y + box.height / 2);
  const tooltip = bytesChart.locator(".recharts-default-tooltip");
  await expect(tooltip).toBeVisible();
  const [background, panel] = await tooltip.evaluate((el) => [
    getComputedStyle(el).backgroundColor,
    getComputedStyle(document.body).getPropertyValue("--panel").trim(),
  ]);
  expect(panel).toBe("#171b21");
  expect(background).toBe("rgb(23, 27, 33)");
});
