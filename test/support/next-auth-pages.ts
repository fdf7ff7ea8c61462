import type { IncomingMessage, ServerResponse } from "node:http";
import NextAuth from "next-auth";
import { authOptions } from "../../lib/auth/auth-options.ts";
import { parseCookies } from "../../server/auth/parse-cookies.ts";
import { TEST_AUTH_SECRET } from "./session-cookie.ts";

/**
 * The dashboard's `/api/auth/*` without building Next.js: next-auth's own handler with the
 * app's real authOptions (so the real authorize() and the server's credentials bridge run),
 * given the request as Next's API routes give it (a parsed form or JSON body, cookies, the
 * catch-all segments) and a response with Next's helpers. Handed to startTestServer as its
 * pages handler.
 */
export async function nextAuthPages(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://localhost");
  let text = "";
  for await (const chunk of req) text += chunk;
  const type = req.headers["content-type"] ?? "";
  let body: unknown;
  try {
    if (type.includes("application/json")) body = JSON.parse(text || "{}");
    else if (type.includes("application/x-www-form-urlencoded")) body = Object.fromEntries(new URLSearchParams(text));
  } catch {
    res.statusCode = 400; // as Next's body parser answers malformed JSON
    return void res.end("Invalid JSON");
  }
  const nextReq = Object.assign(req, {
    body,
    cookies: parseCookies(req.headers.cookie ?? ""),
    query: { ...Object.fromEntries(url.searchParams), nextauth: url.pathname.split("/").slice(3) },
  });
  const nextRes = Object.assign(res, {
    status: (code: number) => ((res.statusCode = code), nextRes),
    json: (value: unknown) => res.setHeader("content-type", "application/json").end(JSON.stringify(value)),
    send: (value: unknown) => res.end(typeof value === "string" ? value : JSON.stringify(value ?? null)),
  });
  await NextAuth(nextReq as never, nextRes as never, { ...authOptions, secret: TEST_AUTH_SECRET });
}

/** next-auth's CSRF token and the cookie it rides with, which every login POST must carry. */
export async function nextAuthCsrf(baseUrl: string): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${baseUrl}/api/auth/csrf`);
  return {
    token: ((await res.json()) as { csrfToken: string }).csrfToken,
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; "),
  };
}
