import { LocalChangeBus, type ChangeBus, type ChangeListener } from "../core/change-bus.ts";
import type { ChangeEvent } from "../core/context-types.ts";
import { ChangeStream, type ChangeStreamOptions } from "./change-stream.ts";
import { ChangeLogTail, type CommittedLog } from "./change-log-tail.ts";
import { RevisionSequencer, type ReadMissing } from "./revision-sequencer.ts";

export interface ClusterBusOptions extends ChangeStreamOptions {
  /** Reads revisions missing from the stream out of the change log. */
  readMissing: ReadMissing;
  /** Applies other nodes' changes to what this node caches, as they arrive. */
  applyRemote(events: readonly ChangeEvent[]): void;
  /** Drops contexts another node changed without a revision (their own fields) from this node's cache. */
  evictRemote(publicIds: readonly string[]): void;
  /** The change log by transaction id, tailed for what the stream did not bring. */
  committed: CommittedLog;
  /** Where an unseen context starts, given its first revision heard and the tail's cursor. */
  startRevision(publicId: string, before: number, horizon: bigint): Promise<number>;
  /** How often the tail looks (it also looks when Redis comes back). */
  tailIntervalMs: number;
}

/**
 * The change bus of a cluster node: this node's commits and every other node's, handed to the
 * local consumers (live subscribers, heartbeat clients) per context in revision order. Local
 * commits also go to the Redis stream for the other nodes.
 */
export class ClusterChangeBus implements ChangeBus {
  readonly #local = new LocalChangeBus();
  readonly #stream: ChangeStream;
  readonly #sequencer: RevisionSequencer;
  readonly #tail: ChangeLogTail;

  constructor(private readonly o: ClusterBusOptions) {
    this.#stream = new ChangeStream(o);
    this.#sequencer = new RevisionSequencer(
      (events) => this.#local.publish(events),
      o.readMissing,
      // The cursor as it is now: every change below it was handed on, the rest may still come.
      (publicId, before) => o.startRevision(publicId, before, this.#tail.cursor),
    );
    this.#tail = new ChangeLogTail(o.committed, (events) => this.#remote(events), o.tailIntervalMs);
  }

  get nodeId() {
    return this.o.nodeId;
  }

  async start() {
    await this.#tail.start();
    await this.#stream.start({
      events: (events) => this.#remote(events),
      evictions: (publicIds) => this.o.evictRemote(publicIds),
      // What was committed while Redis was away is in the log: read it now rather than within a second.
      reconnected: () => void this.#tail.poll(),
    });
  }

  /** Changes heard from elsewhere (stream or log); the cache ignores revisions it already has. */
  #remote(events: readonly ChangeEvent[]) {
    this.o.applyRemote(events);
    this.#sequencer.offer(events);
  }

  publish(events: readonly ChangeEvent[]) {
    if (events.length === 0) return;
    this.#sequencer.offer(events);
    this.#stream.publish(events);
  }

  /** A context's own fields changed here: the other nodes reload it. */
  evictElsewhere(publicIds: readonly string[]) {
    this.#stream.publishEvictions(publicIds);
  }

  subscribe(listener: ChangeListener) {
    return this.#local.subscribe(listener);
  }

  redisReachable() {
    return this.#stream.reachable();
  }

  async stop() {
    await this.#tail.stop();
    await this.#stream.stop();
  }
}
