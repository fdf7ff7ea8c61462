import { io, type Socket } from "socket.io-client";

export interface Received {
  events: {
    subscriptionId: string;
    contextId: string;
    revision: number;
    op: string;
    contextType: string | null;
    key: string | null;
    value: unknown;
  }[];
  others: { name: string; payload: Record<string, unknown> }[];
}

/** A raw socket.io client on /events that records everything it receives. */
export async function connectEvents(baseUrl: string, token: string): Promise<{ socket: Socket; received: Received }> {
  const socket = io(`${baseUrl}/events`, { auth: { token }, transports: ["websocket"], reconnection: false });
  const received: Received = { events: [], others: [] };
  socket.on("event", (e) => received.events.push(e));
  for (const name of ["snapshot-end", "progress", "lagged", "compacted", "error"])
    socket.on(name, (payload) => received.others.push({ name, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return { socket, received };
}

/** Polls until `check` returns (or resolves to) true, or throws with `what` after the timeout. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
