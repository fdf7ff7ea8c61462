/** Messages between SubscriberPool (./subscriber-pool.ts) and its children (./live-subscribers.ts). */
import type { HistogramData } from "./latency-histogram.ts";

/** What every benchmarked event's value carries: stamps in ms on the shared clock (timeOrigin + now()). */
export interface Stamped {
  seq: number;
  /** When the write was started (before setValue; for bus-only and the floor, = tc). */
  t0: number;
  /** When the commit was complete: stamped as the events are handed to the bus (for the floor: to socket.io). */
  tc: number;
  /** 1 during warm-up: counted, not timed. */
  w: 0 | 1;
  pad: string;
}

export type PoolRequest =
  | { type: "connect"; id: number; url: string; token?: string; count: number; filter?: object }
  | { type: "clock"; id: number }
  | { type: "count"; id: number }
  /** Zeroes the counters and histograms (per-socket revision tracking stays). */
  | { type: "reset"; id: number }
  | { type: "report"; id: number }
  | { type: "close"; id: number };

export interface ChildReport {
  sockets: number;
  /** Events received over all sockets, warm-up included. */
  total: number;
  warm: number;
  perSocketMin: number;
  perSocketMax: number;
  /** Per socket, an event whose revision was not the previous one's + 1: skipped ahead, or repeated / went back. */
  gaps: number;
  repeats: number;
  lagged: number;
  errors: string[];
  fromCommit: HistogramData;
  fromStart: HistogramData;
  /** process.cpuUsage() of the child since the last reset, µs. */
  cpuUser: number;
  cpuSystem: number;
}

export type PoolReply =
  | { type: "connected"; id: number; ms: number; subscribed: number }
  | { type: "clock"; id: number; at: number }
  | { type: "count"; id: number; total: number; lagged: number; errors: number }
  | { type: "reset"; id: number }
  | { type: "report"; id: number; report: ChildReport }
  | { type: "closed"; id: number }
  | { type: "failed"; id: number; message: string };
