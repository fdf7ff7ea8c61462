import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger, type Logger } from "../core/logger.ts";

export interface RequestLog {
  reqId: string;
  /** The matched route's pattern (`/api/v1/contexts/:id`), set once the table matched. */
  route?: string;
  user?: string;
  /** A logger whose every line carries the request id. */
  logger(): Logger;
}

/**
 * Gives the request an id (also answered as `X-Request-Id`, so a caller can quote it) and writes
 * one line when the response closes: method, route, status, duration. On `close`, not `finish`,
 * so a request whose client went away is logged too. The request line carries `reqId` itself
 * (no child logger per request: this runs on every API call); `logger()` makes a child for the
 * rare handler that logs more.
 */
export function startRequestLog(req: IncomingMessage, res: ServerResponse): RequestLog {
  const started = performance.now();
  const entry: RequestLog = {
    reqId: randomUUID(),
    logger: () => logger().child({ reqId: entry.reqId }),
  };
  res.setHeader("x-request-id", entry.reqId);
  res.once("close", () => {
    if (!logger().isLevelEnabled("info")) return;
    logger().info(
      {
        reqId: entry.reqId,
        method: req.method,
        // Unmatched paths are the caller's text: kept short, and not mistaken for a route.
        route: entry.route ?? null,
        ...(entry.route ? {} : { path: (req.url ?? "").split("?")[0]!.slice(0, 200) }),
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        ...(entry.user ? { user: entry.user } : {}),
        ...(res.writableFinished ? {} : { aborted: true }),
      },
      "request",
    );
  });
  return entry;
}
