import { LRUCache } from "lru-cache";
import { logger } from "../core/logger.ts";
import type { Db } from "../persistence/database.ts";

/** How stale a token's "last used" may be: a write per minute per token, not per request. */
export const LAST_USE_EVERY_MS = 60_000;

// When each token's last use was last written on this node.
const written = new LRUCache<string, number>({ max: 10_000 });

/**
 * Notes that a token authenticated a request, for the tokens page. The write is not awaited:
 * the request never waits for it, and a failure costs only the freshness of the figure.
 */
export function recordTokenUse(db: Db, tokenHash: string, now: number) {
  const last = written.get(tokenHash);
  if (last !== undefined && now - last < LAST_USE_EVERY_MS) return;
  written.set(tokenHash, now);
  db.apiToken
    .updateMany({ where: { tokenHash }, data: { lastUsedAt: new Date(now) } })
    .catch((err: unknown) => logger().warn({ err }, "could not record a token's last use"));
}
