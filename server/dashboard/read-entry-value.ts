import { z } from "zod";
import { notFound } from "../core/errors.ts";
import { contextTypeSchema } from "../core/context-types.ts";
import type { Db } from "../persistence/database.ts";
import { findContextRow } from "./find-context-row.ts";

export const entryValueQuery = z.object({
  type: contextTypeSchema,
  key: z.string({ error: "query parameter key is required" }).min(1).max(1024),
});

export type EntryValueQuery = z.infer<typeof entryValueQuery>;

/** One entry's whole value (the list shows only a preview); 404 when there is no such entry. */
export async function readEntryValue(db: Db, publicId: string, q: EntryValueQuery) {
  const context = await findContextRow(db, publicId);
  const entry = await db.contextEntry.findUnique({
    where: { contextId_contextType_key: { contextId: context.id, contextType: q.type, key: q.key } },
    select: { valueJson: true },
  });
  if (!entry) throw notFound(`Context ${publicId} has no ${q.type} entry with key "${q.key}".`);
  return { value: JSON.parse(entry.valueJson) as unknown };
}
