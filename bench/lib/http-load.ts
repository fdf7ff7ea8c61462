import net from "node:net";

/** What one round of load measured. */
export interface LoadRound {
  requests: number;
  /** Answers that were not HTTP 200. */
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * A closed-loop HTTP/1.1 load generator on raw keep-alive sockets: each connection sends a
 * request, reads the whole answer, sends the next. Parsing is the minimum (status line and
 * content-length), so the generator costs little next to the server it measures, and the
 * same generator drives ours and the floor.
 */
export class HttpLoad {
  #sockets: net.Socket[] = [];

  private constructor(
    private readonly port: number,
    private readonly next: (connection: number) => Buffer,
  ) {}

  /** Opens `connections` sockets to 127.0.0.1:port; `next` makes each request (the whole HTTP message). */
  static async open(port: number, connections: number, next: (connection: number) => Buffer): Promise<HttpLoad> {
    const load = new HttpLoad(port, next);
    for (let i = 0; i < connections; i++) {
      const s = net.connect(port, "127.0.0.1");
      s.setNoDelay(true);
      await new Promise<void>((resolve, reject) => s.once("connect", resolve).once("error", reject));
      load.#sockets.push(s);
    }
    return load;
  }

  /** Runs the closed loop on every connection for `ms`, then waits for the answers in flight. */
  async run(ms: number): Promise<LoadRound> {
    const latencies: number[] = [];
    let errors = 0;
    const started = performance.now();
    const until = started + ms;
    await Promise.all(
      this.#sockets.map(
        (socket, i) =>
          new Promise<void>((resolve, reject) => {
            let buffered: Buffer = Buffer.alloc(0);
            let sentAt = 0;
            const send = () => {
              if (performance.now() >= until) return finish();
              sentAt = performance.now();
              socket.write(this.next(i));
            };
            const closed = () => reject(new Error("the server closed a connection mid-round"));
            const finish = () => {
              socket.off("data", onData);
              socket.off("error", reject);
              socket.off("close", closed);
              resolve();
            };
            const onData = (chunk: Buffer) => {
              buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
              for (;;) {
                const end = buffered.indexOf("\r\n\r\n");
                if (end < 0) return;
                const head = buffered.toString("latin1", 0, end);
                const m = /content-length:\s*(\d+)/i.exec(head);
                const total = end + 4 + (m ? Number(m[1]) : 0);
                if (buffered.length < total) return;
                if (!head.startsWith("HTTP/1.1 200")) errors++;
                buffered = buffered.subarray(total);
                latencies.push(performance.now() - sentAt);
                send();
              }
            };
            socket.on("data", onData);
            socket.once("error", reject);
            socket.once("close", closed);
            send();
          }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    return {
      requests: latencies.length,
      errors,
      seconds,
      perSecond: latencies.length / seconds,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
    };
  }

  close() {
    for (const s of this.#sockets) s.destroy();
  }
}

/** A POST with a JSON body, as one buffer ready to write. */
export function postRequest(path: string, body: string, headers: Record<string, string> = {}): Buffer {
  const extra = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  return Buffer.from(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`,
  );
}
