import type { Nodes } from "./nodes-schema.ts";

/** Says where the list came from, so one row is not mistaken for a cluster of one. */
export function RegistryNote({ registry }: { registry: Nodes["registry"] }) {
  if (registry === "redis")
    return <p className="muted">Nodes announce themselves every few seconds; a node gone quiet drops off the list.</p>;
  if (registry === "unreachable")
    return (
      <p role="alert" className="error">
        Redis does not answer: only the node that answered is shown. Writes go on; the others reappear when Redis is
        back.
      </p>
    );
  return (
    <p className="muted">One process without Redis: this node is the whole service (see README, Running a cluster).</p>
  );
}
