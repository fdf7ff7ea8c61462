import { formatBytes, formatTime } from "../format/format.ts";
import type { Metrics } from "./metrics-schema.ts";
import { DataTable } from "../table/data-table.tsx";

const reasons = [
  ["count", "Over the context count bound"],
  ["bytes", "Over the byte budget"],
  ["pressure", "Heap pressure (AutoClear)"],
  ["explicit", "Removed or cleared"],
] as const;

/** How many contexts left the cache for each reason, with their estimated bytes, and AutoClear's last run. */
export function EvictionsTable({ cache }: { cache: Metrics["cache"] }) {
  const last = cache.autoClear.lastRun;
  return (
    <section aria-labelledby="evictions-heading">
      <h2 id="evictions-heading">Evictions by reason</h2>
      <DataTable
        label="Evictions by reason"
        rows={reasons}
        rowKey={([reason]) => reason}
        rowProps={([reason]) => ({ "data-testid": `evictions-${reason}` })}
        columns={[
          { header: "Reason", cell: ([, label]) => label },
          { header: "Contexts", cell: ([reason]) => cache.evictions[reason].count },
          { header: "Bytes (estimated)", cell: ([reason]) => formatBytes(cache.evictions[reason].bytes) },
        ]}
      />
      <p className="muted">
        AutoClear samples the heap every {cache.autoClear.intervalMs / 1000} s and has run {cache.autoClear.runs} times
        {last
          ? `; last at ${formatTime(last.at)}, evicting ${last.evicted} contexts (${formatBytes(last.evictedBytes)}) in ${last.ms} ms`
          : ""}
        .
      </p>
    </section>
  );
}
