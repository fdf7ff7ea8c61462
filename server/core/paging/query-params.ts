import { z } from "zod";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** The URL's query parameters as an object for zod; an empty parameter counts as not given. */
export const queryObject = (url: URL) => Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));

/** Page size: 1..500, 50 when not given. Past the maximum is an error, not a silent clamp. */
export const limitParam = z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT);

/** A short text filter (user, application, keyword...). */
export const textParam = z.string().max(256);
