-- Cluster catch-up: every change-log row carries the id of the transaction that wrote it, so a
-- node can read the rows of every transaction that finished since its last look (ids below the
-- oldest running transaction's), whichever node wrote them. Rows written before stay null.
ALTER TABLE "context_change_log" ADD COLUMN "txid" BIGINT;
ALTER TABLE "context_change_log" ALTER COLUMN "txid" SET DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX "context_change_log_txid_idx" ON "context_change_log" ("txid");
