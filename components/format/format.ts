import { format } from "date-fns";

/** An API time (ISO 8601) in the viewer's time zone, as Linkis writes times. */
export const formatTime = (iso: string | null | undefined) =>
  iso ? format(new Date(iso), "yyyy-MM-dd HH:mm:ss") : "—";

export const formatBytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`;

/**
 * A time typed in the viewer's zone (a datetime-local value in the URL) as the ISO instant the
 * server reads; text that is no time goes as it is, for the server to refuse with a clear 400.
 */
export function localTimeToIso(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
