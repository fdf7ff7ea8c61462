-- The column exists on both databases (one data model); only PostgreSQL fills it (cluster catch-up).
ALTER TABLE "context_change_log" ADD COLUMN "txid" BIGINT;
