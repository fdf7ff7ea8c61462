import { ZodError } from "zod";
import { AppError } from "./errors.ts";

/** Maps any thrown value to an AppError whose message is safe to send. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return new AppError("bad_input", describeZodError(err));
  if (isStorageUnavailable(err))
    return new AppError("unavailable", "Storage is unavailable right now; nothing was written. Retry later.");
  return new AppError("internal", "Internal error; the server log has the details.");
}

/** "contextKey.contextType: Invalid option: expected one of ..." — the first problem, with its field path. */
export function describeZodError(err: ZodError): string {
  const issue = err.issues[0];
  if (!issue) return "Invalid input";
  const field = issue.path.map(String).join(".") || "body";
  return `${field}: ${issue.message}`;
}

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "57P01",
  "57P03",
  "SQLITE_BUSY",
  "SQLITE_IOERR",
  "SQLITE_FULL",
  "SQLITE_CANTOPEN",
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
]);

function isStorageUnavailable(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; cause?: unknown; name?: string; message?: string } | undefined, depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
    if (e.name === "PrismaClientInitializationError") return true;
    if (
      typeof e.message === "string" &&
      /Can't reach database|Connection terminated|database is locked|Timed out fetching a new connection|Cannot use a pool after calling end|The database connection is not open/i.test(
        e.message,
      )
    )
      return true;
    e = e.cause as typeof e;
  }
  return false;
}
