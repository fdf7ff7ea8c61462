/** The kinds of failure an answer can report, each with its HTTP status and Linkis envelope status. */
export const errorCodes = {
  bad_input: { http: 400, status: 2 },
  unauthenticated: { http: 401, status: -1 },
  forbidden: { http: 403, status: 3 },
  not_found: { http: 404, status: 1 },
  method_not_allowed: { http: 405, status: 2 },
  conflict: { http: 409, status: 2 },
  too_large: { http: 413, status: 2 },
  unavailable: { http: 503, status: 1 },
  internal: { http: 500, status: 1 },
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** The one error type whose message is safe to show a caller. Anything else becomes a plain 500. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
  get http() {
    return errorCodes[this.code].http;
  }
  get status() {
    return errorCodes[this.code].status;
  }
}

export const badInput = (message: string) => new AppError("bad_input", message);
export const notFound = (message: string) => new AppError("not_found", message);
