/** How the server reached a list's total (server/dashboard/count-contexts.ts). */
export type TotalKind = "exact" | "estimate" | "atLeast";

const n = (v: number) => v.toLocaleString("en-US");

/** "1–50 of 1,234", with an estimate or a lower bound said as such. */
export function describeTotal(shown: number, total: number | undefined, kind: TotalKind | undefined): string {
  const range = shown === 0 ? "0" : `1–${n(shown)}`;
  if (total === undefined) return `${range} shown`;
  if (kind === "estimate") return `${range} of about ${n(total)} (estimated)`;
  if (kind === "atLeast") return `${range} of more than ${n(total)}`;
  return `${range} of ${n(total)}`;
}
