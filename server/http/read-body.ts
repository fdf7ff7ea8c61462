import type { IncomingMessage } from "node:http";
import { AppError, badInput } from "../core/errors.ts";
import { badStringIn, jsonDepthOver, MAX_JSON_DEPTH } from "../core/json-guards.ts";

/** How much of an oversize body we read (and drop) so the client gets our 413, not a reset. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;
const DRAIN_LIMIT_MS = 10_000;

/**
 * Reads and parses a JSON body no larger than `limit` bytes. An empty body reads as `{}`.
 * Past the limit it keeps nothing but reads on to the end of the body before rejecting: closing
 * a socket with unread bytes makes TCP send a reset, which can reach the client before our 413.
 * A body too big to drain (or a client too slow) is cut off after a bound.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const tooLarge = () =>
      new AppError("too_large", `Request body is over the limit of ${limit} bytes (BODY_LIMIT_BYTES).`);
    const declared = Number(req.headers["content-length"] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = declared > limit;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    // The drain's time bound starts when a body turns out too big: a timer per request would
    // cost every read for the rare one.
    const bound = () => (timer ??= setTimeout(() => finish(() => reject(tooLarge())), DRAIN_LIMIT_MS));
    if (over && declared > DRAIN_LIMIT_BYTES) return finish(() => reject(tooLarge()));
    if (over) bound();
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (!over && size > limit) {
        over = true;
        chunks.length = 0;
        bound();
      }
      if (over) {
        if (size > DRAIN_LIMIT_BYTES) finish(() => reject(tooLarge()));
      } else chunks.push(chunk);
    });
    req.on("error", (err) => finish(() => reject(err)));
    req.on("end", () =>
      finish(() => {
        if (over) return reject(tooLarge());
        const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString("utf8").trim();
        if (text === "") return resolve({});
        // Checked on the text, before parsing: deep nesting made JSON.stringify throw later (500).
        if (jsonDepthOver(text)) return reject(badInput(`body: nested deeper than ${MAX_JSON_DEPTH} levels`));
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (err) {
          return reject(badInput(`Malformed JSON body: ${(err as Error).message}`));
        }
        const bad = badStringIn(parsed, "body");
        if (bad) return reject(badInput(bad));
        resolve(parsed);
      }),
    );
  });
}
