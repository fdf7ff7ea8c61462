import path from "node:path";
import { expect } from "vitest";

const repoRoot = path.resolve(import.meta.dirname, "..", "..", "..");

/** What a fuzzed request was, for the failure message (fast-check prints the counterexample too). */
export interface Sent {
  method: string;
  path: string;
  body?: string;
}

/**
 * The invariants every answer to a hostile request keeps: no 5xx, JSON, the Linkis envelope
 * on Linkis paths and on every error, and nothing of the server's insides (stack frames, file
 * paths, driver or Prisma messages). Answers the parsed body and the status.
 */
export async function expectSaneAnswer(res: Response, sent: Sent): Promise<{ status: number; body: unknown }> {
  const text = await res.text();
  const what = `${sent.method} ${sent.path.slice(0, 300)} ${sent.body?.slice(0, 300) ?? ""} → ${res.status} ${text.slice(0, 500)}`;
  expect(res.status, what).toBeLessThan(500);
  expectNoInternals(text, what);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`answer is not JSON: ${what}`);
  }
  const linkis = sent.path.startsWith("/api/rest_j/");
  if (linkis || res.status >= 400) expectEnvelope(body, what);
  else expect(typeof body === "object" && body !== null, what).toBe(true);
  return { status: res.status, body };
}

/** Linkis's envelope: `{method, status, message, data: {...}}`. */
export function expectEnvelope(body: unknown, what: string) {
  expect(body, what).toEqual({
    method: expect.any(String),
    status: expect.any(Number),
    message: expect.any(String),
    data: expect.any(Object),
  });
}

/** No stack frame, source path or storage-driver wording in anything the server sent. */
export function expectNoInternals(text: string, what: string) {
  expect(text, what).not.toMatch(/\n\s*at \S+ \(|\bat (async )?\S+ \(\S+:\d+:\d+\)/);
  expect(text, what).not.toContain(repoRoot);
  expect(text, what).not.toMatch(
    /node_modules|prisma\.\w+\.\w+\(|Prisma\w*Error|SQLITE_|invalid byte sequence|\bP20\d\d\b/,
  );
}
