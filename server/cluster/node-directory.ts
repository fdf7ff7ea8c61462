import type { NodeFigures, NodeReport } from "./node-report.ts";

/** What a node knows of itself to announce: its name, version, start and current figures. */
export interface NodeIdentity {
  id: string;
  version: string;
  startedAt: number;
  figures(): NodeFigures;
}

/** The nodes as one node sees them, and where that list came from. */
export interface NodeListing {
  /** `local`: one process, no cluster; `redis`: the cluster's registry; `unreachable`: Redis did not answer, so only this node. */
  registry: "local" | "redis" | "unreachable";
  nodes: NodeReport[];
}

/** Who is in the service: this node alone (one process) or every live node of the cluster. */
export interface NodeDirectory {
  readonly id: string;
  /** Begins announcing this node at `address` (once the server listens). */
  start(address: string): Promise<void>;
  list(): Promise<NodeListing>;
  /** Stops announcing and leaves the list at once. */
  stop(): Promise<void>;
}

/** This node's report as of `now`, with its current figures. */
export function selfReport(self: NodeIdentity, address: string, now: number): NodeReport {
  return {
    id: self.id,
    address,
    version: self.version,
    startedAt: new Date(self.startedAt).toISOString(),
    lastSeen: new Date(now).toISOString(),
    ...self.figures(),
  };
}

/** One process without Redis: the service is this node. */
export class LocalNodeDirectory implements NodeDirectory {
  #address = "";
  constructor(private readonly self: NodeIdentity) {}

  get id() {
    return this.self.id;
  }

  async start(address: string) {
    this.#address = address;
  }

  async list(): Promise<NodeListing> {
    return { registry: "local", nodes: [selfReport(this.self, this.#address, Date.now())] };
  }

  async stop() {}
}
