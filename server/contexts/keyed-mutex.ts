/**
 * Serialises async work per key: writes to one context commit, update the cache and publish
 * in the same order, while different contexts proceed in parallel.
 */
export class KeyedMutex<K> {
  #tails = new Map<K, Promise<void>>();

  async run<T>(key: K, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const tail = new Promise<void>((r) => (release = r));
    const chained = previous.then(() => tail);
    this.#tails.set(key, chained);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.#tails.get(key) === chained) this.#tails.delete(key);
    }
  }

  /** Keys with work running or queued. */
  get busy() {
    return this.#tails.size;
  }
}
