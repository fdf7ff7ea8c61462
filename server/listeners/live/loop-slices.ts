// How long catch-up work may run before it lets the event loop turn. On SQLite every query is
// synchronous, so without these turns a large snapshot or resume would hold every other request.
const SLICE_MS = 4;

/** Cooperative slicing for long loops: `await slices.check()` inside; it yields a turn every few ms. */
export class LoopSlices {
  #since = performance.now();

  async check() {
    if (performance.now() - this.#since < SLICE_MS) return;
    await new Promise((r) => setImmediate(r));
    this.#since = performance.now();
  }
}
