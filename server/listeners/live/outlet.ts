import type { Socket } from "socket.io";

/** Where a subscription's messages go: a socket, or a fake in unit tests. */
export interface Outlet {
  emit(name: string, payload: unknown): void;
  /** True while the connection can take more without buffering in memory. */
  ready(): boolean;
  /** Resolves when ready() may have turned true (or soon, to re-check). */
  drained(): Promise<void>;
  closed(): boolean;
}

// engine.io buffers packets while the transport cannot write; past this many we wait for "drain".
const MAX_BUFFERED_PACKETS = 64;

export function socketOutlet(socket: Socket): Outlet {
  const conn = socket.conn as unknown as {
    writeBuffer: unknown[];
    once(ev: string, fn: () => void): void;
    off(ev: string, fn: () => void): void;
  };
  return {
    emit: (name, payload) => void socket.emit(name, payload),
    ready: () => conn.writeBuffer.length < MAX_BUFFERED_PACKETS,
    drained: () =>
      new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          conn.off("drain", done);
          resolve();
        };
        const timer = setTimeout(done, 100);
        conn.once("drain", done);
      }),
    closed: () => socket.disconnected,
  };
}
