/** mulberry32: a small seeded PRNG, so every run draws the same data and access pattern. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n). */
export const randomInt = (random: () => number, n: number) => Math.floor(random() * n);

export const pick = <T>(random: () => number, items: readonly T[]): T => items[randomInt(random, items.length)];
