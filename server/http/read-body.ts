import type { IncomingMessage } from "node:http";
import { AppError, badInput } from "./app-error.ts";

/**
 * Reads and parses a JSON body no larger than `limit` bytes. An empty body reads as `{}`.
 * Past the limit it rejects at once but keeps draining (without keeping) the rest, so the
 * client can still read our 413 instead of a reset connection.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const tooLarge = () =>
      new AppError("too_large", `Request body is over the limit of ${limit} bytes (BODY_LIMIT_BYTES).`);
    if (Number(req.headers["content-length"] ?? 0) > limit) {
      req.resume();
      return reject(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    req.on("error", reject);
    req.on("end", () => {
      if (over) return;
      const text = Buffer.concat(chunks).toString("utf8").trim();
      if (text === "") return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch (err) {
        reject(badInput(`Malformed JSON body: ${(err as Error).message}`));
      }
    });
  });
}
