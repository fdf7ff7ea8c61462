import type { z } from "zod";
import { ApiError } from "../api/fetch-json.ts";

/**
 * POSTs JSON to a same-origin API endpoint with the session cookie and checks the answer's
 * shape. A refusal carries the server's message (the Linkis envelope's `message`).
 */
export async function postJson<S extends z.ZodType>(url: string, body: unknown, schema: S): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", credentials: "same-origin", headers: { accept: "application/json", "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "The server could not be reached.");
  }
  const answer: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, answer && typeof answer === "object" && "message" in answer ? String(answer.message) : `${res.status} ${res.statusText}`);
  return schema.parse(answer);
}
