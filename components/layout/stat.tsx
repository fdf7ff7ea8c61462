/** One figure in a panel: a small label over a large value. */
export function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="panel stat">
      <div className="label">{label}</div>
      <div className="value">{value}</div>
    </div>
  );
}
