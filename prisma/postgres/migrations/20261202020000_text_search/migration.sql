-- Case-insensitive substring search for the dashboard: trigram indexes serve ILIKE '%…%' on each
-- entry's keywords (its key among them) and on a context's user and application, instead of a
-- scan. pg_trgm ships with PostgreSQL; creating it needs a role allowed to create extensions.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "context_entry_keywords_trgm_idx" ON "context_entry" USING gin ("keywords" gin_trgm_ops);
CREATE INDEX "context_id_user_trgm_idx" ON "context_id" USING gin ("user" gin_trgm_ops);
CREATE INDEX "context_id_application_trgm_idx" ON "context_id" USING gin ("application" gin_trgm_ops);
