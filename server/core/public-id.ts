import { badInput } from "./errors.ts";

/**
 * Linkis's HA context id: `<len(main)>-<len(backup)>--<main><backup><n>`, e.g.
 * `8-8--cs_1_devcs_2_dev10493` is row 10493 on main instance `cs_1_dev`, backup `cs_2_dev`.
 */
export interface PublicId {
  instance: string;
  backupInstance: string;
  id: number;
}

export const formatPublicId = ({ instance, backupInstance, id }: PublicId) =>
  `${instance.length}-${backupInstance.length}--${instance}${backupInstance}${id}`;

/** The largest row id the databases' INT columns hold: a larger number names no row, and PostgreSQL refuses it in a query. */
export const MAX_ROW_ID = 2 ** 31 - 1;

/** Parses a public id; a malformed one is a 400 that says what the format is. */
export function parsePublicId(text: string, field = "contextID"): PublicId {
  const m = /^(\d{1,3})-(\d{1,3})--(.+)$/.exec(text);
  const fail = () =>
    badInput(
      `${field}: "${truncate(text)}" is not a context id (format <len(main)>-<len(backup)>--<main><backup><number>, e.g. 8-8--cs_1_devcs_1_dev42).`,
    );
  if (!m) throw fail();
  const mainLen = Number(m[1]);
  const backupLen = Number(m[2]);
  const rest = m[3]!;
  const digits = rest.slice(mainLen + backupLen);
  if (mainLen < 1 || backupLen < 1 || !/^\d{1,15}$/.test(digits)) throw fail();
  const id = Number(digits);
  if (!Number.isSafeInteger(id) || id < 1) throw fail();
  if (id > MAX_ROW_ID)
    throw badInput(`${field}: "${truncate(text)}" ends in a row number past ${MAX_ROW_ID}, which no context can have.`);
  return { instance: rest.slice(0, mainLen), backupInstance: rest.slice(mainLen, mainLen + backupLen), id };
}

const truncate = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}...` : s);
