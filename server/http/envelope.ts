import type { ServerResponse } from "node:http";
import type { AppError } from "../core/errors.ts";

/** Linkis's envelope: `{ method, status, message, data }`. */
export interface Envelope<T = Record<string, unknown>> {
  method: string;
  status: number;
  message: string;
  data: T;
}

export const okEnvelope = <T>(method: string, data: T): Envelope<T> => ({ method, status: 0, message: "OK", data });

export const errorEnvelope = (method: string, err: AppError): Envelope => ({
  method,
  status: err.status,
  message: err.message,
  data: {},
});

export function sendJson(res: ServerResponse, httpStatus: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(httpStatus, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}
