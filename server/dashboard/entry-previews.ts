import { Prisma } from "../persistence/generated/sqlite/client.ts";
import type { Db } from "../persistence/database.ts";

/** How much of a value's JSON text a list shows; the rest is loaded on demand. */
export const PREVIEW_CHARS = 2000;

export interface EntryPreview {
  /** Size of the value's JSON text in bytes (UTF-8). */
  valueBytes: number;
  /** The first PREVIEW_CHARS characters of the value's JSON text. */
  preview: string;
  truncated: boolean;
}

type PreviewRow = { id: number | bigint; bytes: number | bigint; chars: number | bigint; preview: string };

/**
 * Size and head of each entry's value, cut by the database so a page of entries never reads
 * whole values (each may be megabytes). octet_length, length and substr mean the same on
 * SQLite (3.43+) and PostgreSQL.
 */
export async function entryPreviews(db: Db, entryIds: number[]): Promise<Map<number, EntryPreview>> {
  if (entryIds.length === 0) return new Map();
  const rows = await db.$queryRaw<PreviewRow[]>`
    SELECT "id", octet_length("valueJson") AS "bytes", length("valueJson") AS "chars", substr("valueJson", 1, ${Prisma.raw(String(PREVIEW_CHARS))}) AS "preview"
    FROM "context_entry" WHERE "id" IN (${Prisma.join(entryIds)})`;
  return new Map(
    rows.map((r) => [
      Number(r.id),
      { valueBytes: Number(r.bytes), preview: r.preview, truncated: Number(r.chars) > PREVIEW_CHARS },
    ]),
  );
}
