import type { ChangeEvent, ContextType } from "../../core/context-types.ts";
import type { Principal } from "../../core/roles.ts";

/** A heartbeat's answer: the changes since the last one, once; `resync` when some were dropped. */
export interface HeartbeatAnswer {
  changes: ChangeEvent[];
  resync: boolean;
  linkisDialect: boolean;
}

/** One client as the listeners page lists it. */
export interface ClientSummary {
  source: string;
  owner: string;
  idBindings: number;
  keyBindings: number;
  lastHeartbeatAgeMs: number;
  pending: number;
  resync: boolean;
}

/**
 * Heartbeat clients, the Linkis listener model: a client (named by `source`) binds ID and key
 * listeners; `heartbeat` hands over the matching changes since its last one. One process keeps
 * them in memory (`HeartbeatRegistry`); a cluster keeps them in the database, so a client
 * carries on through any node (`SharedHeartbeats`).
 */
export interface Heartbeats {
  start(): Promise<void>;
  stop(): void;
  /** `linkisDialect`: the bind came in Linkis's serialized form (the source's last bind decides). */
  bindId(caller: Principal, source: string, publicId: string, linkisDialect?: boolean): Promise<void>;
  bindKey(
    caller: Principal,
    source: string,
    publicId: string,
    contextType: ContextType,
    key: string,
    linkisDialect?: boolean,
  ): Promise<void>;
  /**
   * The client's changes since its last heartbeat, handed over once. A source that never bound
   * has nothing (as in Linkis, whose client heartbeats under another name than it binds with);
   * null only for a client removed for silence, which must bind again. Only its owner (or an
   * admin) may take them: another user's heartbeat is refused with 403.
   */
  heartbeat(caller: Principal, source: string): Promise<HeartbeatAnswer | null>;
  /** Forgets bindings to a context that no longer exists (the database cascade removed the rows). */
  forgetContext(rowId: number): void;
  /** How many clients are bound, whoever owns them. */
  readonly size: number;
  /** The clients `caller` may see: all for an admin, their own for anyone else. */
  describe(caller?: Principal): Promise<ClientSummary[]>;
}
