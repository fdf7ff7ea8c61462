import type { Db } from "../persistence/database.ts";
import type { Cleaner } from "./cleaner.ts";
import { logger } from "../core/logger.ts";

const CHUNK = 5000;

/**
 * Enforces expire times (Linkis stores them but never acts on them): every `intervalMs`,
 * contexts whose expireTime has passed are cleared like a manual clear, audited as `retention`.
 */
export class RetentionSweep {
  #timer: NodeJS.Timeout | undefined;
  #sweeping = false;

  constructor(
    private readonly db: Db,
    private readonly cleaner: Cleaner,
    private readonly now: () => number = Date.now,
  ) {}

  start(intervalMs: number) {
    if (intervalMs <= 0) return;
    this.#timer = setInterval(() => void this.sweep(), intervalMs);
    this.#timer.unref();
  }

  stop() {
    clearInterval(this.#timer);
  }

  /** One sweep; returns how many contexts it cleared. Skips if the previous one is still running. */
  async sweep(): Promise<number> {
    if (this.#sweeping) return 0;
    this.#sweeping = true;
    let cleared = 0;
    try {
      for (;;) {
        const rows = await this.db.contextId.findMany({
          where: { expireTime: { lt: new Date(this.now()) } },
          orderBy: { id: "asc" },
          take: CHUNK,
          select: { id: true },
        });
        if (rows.length === 0) break;
        const { done } = await this.cleaner.start("retention", "retention-sweep", {
          kind: "ids",
          rowIds: rows.map((r) => r.id),
        });
        const state = await done;
        cleared += state.processed;
        if (state.status !== "done" || rows.length < CHUNK) break;
      }
    } catch (err) {
      logger().error({ component: "retention", err }, "sweep failed");
    } finally {
      this.#sweeping = false;
    }
    return cleared;
  }
}
