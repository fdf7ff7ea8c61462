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

const REST = "/api/rest_j/v1/contextservice";

/** Creates a context with one entry through the REST API, authenticated by the page's session cookie. */
export async function createContextWithEntry(
  page: Page,
  user: string,
  key: string,
  contextValue: Record<string, unknown>,
) {
  const created = await page.request.post(`${REST}/createContextID`, {
    headers: sameOrigin(),
    data: { contextID: { user, application: "e2e-app" } },
  });
  expect(created.status()).toBe(200);
  const contextId = ((await created.json()) as { data: { contextId: string } }).data.contextId;
  const set = await page.request.post(`${REST}/setValueByKey`, {
    headers: sameOrigin(),
    data: {
      contextID: contextId,
      contextKey: { key, contextType: "METADATA", contextScope: "PUBLIC", keywords: ["e2e"] },
      contextValue,
    },
  });
  expect(set.status()).toBe(200);
  return contextId;
}

/** Sets one entry of a context through the REST API (the page's session cookie). */
export async function setEntry(page: Page, contextId: string, key: string, value: unknown, contextType = "METADATA") {
  const set = await page.request.post(`${REST}/setValueByKey`, {
    headers: sameOrigin(),
    data: {
      contextID: contextId,
      contextKey: { key, contextType, contextScope: "PUBLIC" },
      contextValue: { value },
    },
  });
  expect(set.status()).toBe(200);
}

/** A name no earlier run of the suite used. */
export const unique = (name: string) => `${name}_${Date.now().toString(36)}`;
