import type { z } from "zod";

/** A failed API call: the HTTP status and the server's own message (safe to show). */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Calls a same-origin API endpoint with the session cookie (GET, or POST with a JSON body when
 * `body` is given) and checks the answer's shape. A refusal carries the server's message.
 */
export async function fetchJson<S extends z.ZodType>(url: string, schema: S, body?: unknown): Promise<z.infer<S>> {
  let res: Response;
  try {
    const init: RequestInit =
      body === undefined
        ? {}
        : {
            method: "POST",
            headers: { accept: "application/json", "content-type": "application/json" },
            body: JSON.stringify(body),
          };
    res = await fetch(url, { credentials: "same-origin", headers: { accept: "application/json" }, ...init });
  } catch {
    throw new ApiError(0, "The server could not be reached.");
  }
  const answer: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message =
      answer && typeof answer === "object" && "message" in answer
        ? String(answer.message)
        : `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, message);
  }
  return schema.parse(answer);
}
