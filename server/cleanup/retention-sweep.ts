import type { Cleaner } from "./cleaner.ts";
import type { ClearTargetStore } from "./clear-target-store.ts";
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
    private readonly targets: ClearTargetStore,
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
        const rowIds = await this.targets.expired(new Date(this.now()), CHUNK);
        if (rowIds.length === 0) break;
        const { done } = await this.cleaner.start("retention", "retention-sweep", { kind: "ids", rowIds });
        const state = await done;
        cleared += state.processed;
        if (state.status !== "done" || rowIds.length < CHUNK) break;
      }
    } catch (err) {
      logger().error({ component: "retention", err }, "sweep failed");
    } finally {
      this.#sweeping = false;
    }
    return cleared;
  }
}
