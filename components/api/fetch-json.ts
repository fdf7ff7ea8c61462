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

/** GETs a same-origin API endpoint with the session cookie and checks the answer's shape. */
export async function fetchJson<S extends z.ZodType>(url: string, schema: S): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin", headers: { accept: "application/json" } });
  } catch {
    throw new ApiError(0, "The server could not be reached.");
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = body && typeof body === "object" && "message" in body ? String(body.message) : `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, message);
  }
  return schema.parse(body);
}
