import type { Socket as NetSocket } from "node:net";
import type { Socket } from "socket.io";

/**
 * Where a connection's subscription messages go: one per socket, shared by its subscriptions,
 * or a fake in unit tests. Messages are encoded socket.io packets (event-frames.ts).
 */
export interface Outlet {
  /** Queues one encoded packet; everything queued in one turn goes out as one write. */
  send(packet: string): void;
  /** True while the connection can take more without buffering in memory. */
  ready(): boolean;
  /** Resolves when ready() may have turned true (or soon, to re-check). */
  drained(): Promise<void>;
  closed(): boolean;
  /** The socket.io namespace the packets are for. */
  readonly nsp: string;
}

// engine.io buffers packets while the transport cannot write; past this many we wait for "drain".
const MAX_BUFFERED_PACKETS = 256;

// The parts of engine.io's Socket (6.6) this uses. writeBuffer and flush() are not in its
// typings but are what socket.io's own broadcast path (socket.io-adapter) relies on too.
interface EngineSocket {
  readyState: string;
  writeBuffer: { type: "message"; options: { compress: boolean }; data: string }[];
  transport: { name: string; socket?: { _socket?: NetSocket } };
  flush(): void;
  on(ev: string, fn: () => void): void;
  once(ev: string, fn: () => void): void;
  off(ev: string, fn: () => void): void;
}

/**
 * An outlet over a socket.io socket that writes once per turn of the event loop:
 * - Packets sent during a turn are collected and handed to engine.io together on the next tick
 *   (one `flush`), rather than each through `socket.emit` (which encodes and flushes one by one).
 * - Each engine.io flush to a WebSocket is wrapped in a cork of the TCP socket, so its frames go
 *   to the kernel as one writev instead of one syscall per frame.
 */
export function socketOutlet(socket: Socket): Outlet {
  const conn = socket.conn as unknown as EngineSocket;
  let pending: string[] = [];
  const flush = () => {
    const packets = pending;
    pending = [];
    if (conn.readyState !== "open") return;
    for (const data of packets) conn.writeBuffer.push({ type: "message", options: { compress: true }, data });
    conn.flush();
  };
  conn.on("flush", () => {
    const raw = conn.transport.name === "websocket" ? conn.transport.socket?._socket : undefined;
    if (!raw || raw.destroyed) return;
    raw.cork();
    process.nextTick(() => raw.uncork());
  });
  return {
    nsp: socket.nsp.name,
    send(packet) {
      if (pending.push(packet) === 1) process.nextTick(flush);
    },
    ready: () => conn.writeBuffer.length + pending.length < MAX_BUFFERED_PACKETS,
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
