/**
 * One figure in a panel: a small label over a large value, and under the value, smaller, what
 * qualifies it ("of budget", "hits, misses"), so a long qualifier does not wrap the figure.
 */
export function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="panel stat">
      <div className="label">{label}</div>
      <div className="value">
        {value}
        {detail && <span className="detail"> {detail}</span>}
      </div>
    </div>
  );
}
