import { notFound } from "../core/errors.ts";
import { parsePublicId } from "../core/public-id.ts";
import type { Db } from "../persistence/database.ts";

/**
 * The context_id row a public id names, straight from the database (the dashboard never loads
 * a whole context into memory to show it). As ContextService does, the row id alone does not
 * make an id: its instance parts must match too. Malformed → 400; unknown → 404 naming it.
 */
export async function findContextRow(db: Db, publicId: string, field = "id") {
  const parsed = parsePublicId(publicId, field);
  const row = await db.contextId.findUnique({ where: { id: parsed.id } });
  if (!row || row.instance !== parsed.instance || row.backupInstance !== parsed.backupInstance) {
    throw notFound(`Context ${publicId} does not exist.`);
  }
  return row;
}
