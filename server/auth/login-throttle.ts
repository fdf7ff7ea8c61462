import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";

export interface LoginThrottleOptions {
  /** Failed logins for one user name within the window before it is locked out. */
  perUser: number;
  /** Failed logins from one address within the window before it is locked out. */
  perAddress: number;
  /** Window and lockout length, in seconds. */
  windowSeconds: number;
}

export type LockedOut = { scope: "user" | "address"; key: string; retryAfterSec: number };

/**
 * Counts failed dashboard logins per user name and per client address (rate-limiter-flexible,
 * in this process's memory); at either limit that name or address is locked out for the
 * window. A right password clears its user's count, not its address's.
 */
export class LoginThrottle {
  readonly #byUser: RateLimiterMemory;
  readonly #byAddress: RateLimiterMemory;
  readonly #windowSeconds: number;

  constructor(opts: LoginThrottleOptions) {
    this.#windowSeconds = opts.windowSeconds;
    const common = { duration: opts.windowSeconds };
    this.#byUser = new RateLimiterMemory({ ...common, points: opts.perUser, keyPrefix: "user" });
    this.#byAddress = new RateLimiterMemory({ ...common, points: opts.perAddress, keyPrefix: "address" });
  }

  /** Seconds until this user or address may try again; 0 when neither is locked out. */
  async retryAfter(user: string, address: string): Promise<number> {
    const [u, a] = await Promise.all([this.#byUser.get(user), this.#byAddress.get(address)]);
    const wait = (res: RateLimiterRes | null, limit: number) =>
      res && res.consumedPoints > limit ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
    return Math.max(wait(u, this.#byUser.points), wait(a, this.#byAddress.points));
  }

  /** Records a failed login; answers the lockouts this failure started (none, one or both). */
  async failed(user: string, address: string): Promise<LockedOut[]> {
    const started: LockedOut[] = [];
    for (const [scope, limiter, key] of [
      ["user", this.#byUser, user],
      ["address", this.#byAddress, address],
    ] as const) {
      const res = await limiter.consume(key).catch((r: RateLimiterRes) => r);
      // The limit-th failure starts the lockout: block() holds the key for a whole window from now.
      if (res.consumedPoints === limiter.points) {
        await limiter.block(key, this.#windowSeconds);
        started.push({ scope, key, retryAfterSec: this.#windowSeconds });
      }
    }
    return started;
  }

  async succeeded(user: string) {
    await this.#byUser.delete(user);
  }
}
