import { formatTime } from "../format/format.ts";
import type { ContextDetail } from "./context-schemas.ts";

/** A context's own fields and times. */
export function ContextFields({ context: c }: { context: ContextDetail["context"] }) {
  const fields: [string, string][] = [
    ["User", c.user ?? "—"],
    ["Application", c.application ?? "—"],
    ["Source", c.source ?? "—"],
    ["Expire type", c.expireType],
    ["Expire time", formatTime(c.expireTime)],
    ["Instance", c.instance === c.backupInstance ? c.instance : `${c.instance} (backup ${c.backupInstance})`],
    ["Revision", String(c.revision)],
    ["Created", formatTime(c.createTime)],
    ["Updated", formatTime(c.updateTime)],
    ["Accessed", formatTime(c.accessTime)],
  ];
  return (
    <dl className="panel fields" aria-label="Context fields">
      {fields.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
