import { expect } from "vitest";
import type { TestServer } from "./test-server.ts";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** GET a dashboard endpoint; answers the HTTP status and the parsed body. */
export async function getJson<T = Record<string, unknown>>(
  server: TestServer,
  path: string,
  token?: string | null,
): Promise<{ http: number; body: T }> {
  const res = await server.request(path, { token });
  return { http: res.status, body: (await res.json()) as T };
}

/** Follows nextCursor from the first page to the last; answers every page in order. */
export async function allPages<T>(server: TestServer, path: string): Promise<Page<T>[]> {
  const pages: Page<T>[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const { http, body }: { http: number; body: Page<T> } = await getJson<Page<T>>(
      server,
      cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path,
    );
    expect(http, JSON.stringify(body)).toBe(200);
    pages.push(body);
    cursor = body.nextCursor;
    expect(pages.length, "paging did not end").toBeLessThan(1000);
  } while (cursor);
  return pages;
}

/** Creates a context through the Linkis API; answers its public id and row id. */
export async function createContext(server: TestServer, fields: Record<string, unknown> = {}) {
  const r = await server.linkis<{ contextId: string }>("createContextID", { contextID: fields });
  expect(r.http, r.message).toBe(200);
  return { id: r.data.contextId, row: Number(/\d+$/.exec(r.data.contextId)![0]) };
}

/** Sets one value through the Linkis API. */
export async function setValue(
  server: TestServer,
  contextID: string,
  contextKey: Record<string, unknown>,
  contextValue: Record<string, unknown>,
) {
  const r = await server.linkis("setValueByKey", {
    contextID,
    contextKey: { contextScope: "PUBLIC", ...contextKey },
    contextValue,
  });
  expect(r.http, r.message).toBe(200);
}
