import { formatTime } from "./format.ts";

/** An API time that a narrow column breaks between date and time, never inside the date. */
export function DateTime({ iso }: { iso: string | null | undefined }) {
  const [date, time] = formatTime(iso).split(" ");
  return (
    <>
      <span className="nowrap">{date}</span> <span className="nowrap">{time}</span>
    </>
  );
}
