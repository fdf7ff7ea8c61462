import type { z } from "zod";
import { fetchJson } from "./fetch-json.ts";

/** POSTs JSON to a same-origin API endpoint and checks the answer's shape (see fetchJson). */
export const postJson = <S extends z.ZodType>(url: string, body: unknown, schema: S): Promise<z.infer<S>> =>
  fetchJson(url, schema, body ?? {});
