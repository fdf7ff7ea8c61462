-- Case-insensitive substring search over each entry's keywords (its key among them) for the
-- dashboard: an FTS5 trigram index of context_entry."keywords", kept in step by triggers, so a
-- search reads the index instead of scanning the entries. Prisma does not model virtual tables.
CREATE VIRTUAL TABLE "context_entry_fts" USING fts5("keywords", content='context_entry', content_rowid='id', tokenize='trigram');
INSERT INTO "context_entry_fts"("context_entry_fts") VALUES ('rebuild');

CREATE TRIGGER "context_entry_fts_insert" AFTER INSERT ON "context_entry" BEGIN
  INSERT INTO "context_entry_fts"(rowid, "keywords") VALUES (new."id", new."keywords");
END;

CREATE TRIGGER "context_entry_fts_delete" AFTER DELETE ON "context_entry" BEGIN
  INSERT INTO "context_entry_fts"("context_entry_fts", rowid, "keywords") VALUES ('delete', old."id", old."keywords");
END;

CREATE TRIGGER "context_entry_fts_update" AFTER UPDATE OF "keywords" ON "context_entry" BEGIN
  INSERT INTO "context_entry_fts"("context_entry_fts", rowid, "keywords") VALUES ('delete', old."id", old."keywords");
  INSERT INTO "context_entry_fts"(rowid, "keywords") VALUES (new."id", new."keywords");
END;
