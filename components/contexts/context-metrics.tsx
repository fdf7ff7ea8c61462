import { formatBytes, formatTime } from "../format/format.ts";
import { Stat } from "../layout/stat.tsx";
import type { ContextDetail } from "./context-schemas.ts";

/** The context's cache metrics, when the server holds it in memory. */
export function ContextMetrics({ metrics: m }: { metrics: ContextDetail["metrics"] }) {
  return (
    <section aria-labelledby="metrics-heading">
      <h2 id="metrics-heading">Cache</h2>
      {m ? (
        <div className="grid" data-testid="context-metrics">
          <Stat label="Memory (estimated)" value={formatBytes(m.bytes)} />
          <Stat label="Entries in memory" value={String(m.entries)} />
          <Stat label="Accesses" value={String(m.accessCount)} detail={`${m.hits} hits`} />
          <Stat label="Access rate" value={`${m.accessRate.toFixed(2)}/s`} />
          <Stat label="Last access" value={formatTime(m.lastAccess)} />
          <Stat label="Load time" value={`${m.loadMs} ms`} />
        </div>
      ) : (
        <p className="muted">Not in the server&apos;s memory cache right now; it is loaded when a service reads it.</p>
      )}
    </section>
  );
}
