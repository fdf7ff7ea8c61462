import { io, type Socket } from "socket.io-client";
import type { LiveEvent, SubscribeFilter, SubscribeRequest } from "./contract/live-events.ts";

// The wire contract's shapes (./contract/, shipped in this package), one copy shared with the server and the dashboard.
export type { LiveEvent, SubscribeFilter };
export type SubscribeOptions = SubscribeRequest;

export interface LiveHandlers {
  onEvent(event: LiveEvent): void;
  /** The snapshot is complete (includeCurrentState): what follows is live. */
  onSnapshotEnd?(revisions: Record<string, number>): void;
  /** The view must be rebuilt from scratch: a fresh snapshot follows (after compacted history). */
  onReset?(reason: "compacted"): void;
  onProgress?(revisions: Record<string, number>): void;
  onError?(message: string): void;
}

/**
 * A live subscription that survives disconnects: it remembers the last revision it saw of each
 * context and resubscribes with `resume` (after a disconnect or `lagged`), falling back to a
 * fresh `includeCurrentState` when the server no longer has the history (`compacted`).
 */
export class LiveSubscriber {
  readonly socket: Socket;
  readonly seen = new Map<string, number>();
  subscriptionId: string | null = null;
  #closed = false;

  constructor(
    baseUrl: string,
    token: string,
    private readonly options: SubscribeOptions,
    private readonly handlers: LiveHandlers,
  ) {
    this.socket = io(`${baseUrl}/events`, {
      auth: { token },
      transports: ["websocket"],
      reconnectionDelay: 100,
      reconnectionDelayMax: 2000,
    });
    this.socket.on("connect", () => this.#subscribe(this.seen.size ? this.#resumeRequest() : this.options));
    // socket.io does not reconnect after a server-side disconnect (a restart, a deploy): we do.
    this.socket.on("disconnect", (reason) => {
      if (reason === "io server disconnect" && !this.#closed)
        setTimeout(() => this.#closed || this.socket.connect(), 200);
    });
    this.socket.on("event", (e: LiveEvent) => {
      if (e.subscriptionId !== this.subscriptionId) return;
      if ((this.seen.get(e.contextId) ?? -1) >= e.revision && e.op !== "created") return; // already applied
      this.seen.set(e.contextId, Math.max(this.seen.get(e.contextId) ?? -1, e.revision));
      this.handlers.onEvent(e);
    });
    this.socket.on("snapshot-end", (m: { subscriptionId: string; revisions: Record<string, number> }) => {
      if (m.subscriptionId !== this.subscriptionId) return;
      for (const [id, rev] of Object.entries(m.revisions)) this.seen.set(id, Math.max(this.seen.get(id) ?? -1, rev));
      this.handlers.onSnapshotEnd?.(m.revisions);
    });
    this.socket.on("progress", (m: { subscriptionId: string; revisions: Record<string, number> }) => {
      if (m.subscriptionId === this.subscriptionId) this.handlers.onProgress?.(m.revisions);
    });
    this.socket.on("lagged", (m: { subscriptionId: string; resume: Record<string, number> }) => {
      if (m.subscriptionId !== this.subscriptionId) return;
      for (const [id, rev] of Object.entries(m.resume)) this.seen.set(id, rev);
      this.#subscribe(this.#resumeRequest());
    });
    this.socket.on("compacted", (m: { subscriptionId: string }) => {
      if (m.subscriptionId !== this.subscriptionId) return;
      this.seen.clear();
      this.handlers.onReset?.("compacted");
      this.#subscribe({ ...this.options, resume: undefined, includeCurrentState: true });
    });
  }

  /** Resolves once the first subscription is acknowledged. */
  ready(): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.subscriptionId) return resolve(this.subscriptionId);
      const check = setInterval(() => {
        if (this.subscriptionId) {
          clearInterval(check);
          resolve(this.subscriptionId);
        }
      }, 10);
      this.socket.once("connect_error", (err) => {
        clearInterval(check);
        reject(err);
      });
    });
  }

  close() {
    this.#closed = true;
    this.socket.close();
  }

  #resumeRequest(): SubscribeOptions {
    // Contexts seen resume from the log; a snapshot (if asked for) covers the rest.
    return { ...this.options, resume: Object.fromEntries(this.seen) };
  }

  #subscribe(request: SubscribeOptions) {
    if (this.#closed) return;
    this.subscriptionId = null;
    // A plain ack callback, not emitWithAck: it runs as the ack arrives, before the events that
    // follow it on the wire, which a promise continuation would let through unclaimed.
    this.socket.emit("subscribe", request, (answer: { subscriptionId?: string; error?: string }) => {
      if (answer.error) this.handlers.onError?.(answer.error);
      else this.subscriptionId = answer.subscriptionId!;
    });
  }
}
