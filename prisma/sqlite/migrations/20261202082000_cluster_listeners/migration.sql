-- The tables exist on both databases (one data model); only cluster mode (PostgreSQL) uses them.
ALTER TABLE "listener_client" ADD COLUMN "expiredAt" DATETIME;

CREATE TABLE "context_listener_cursor" (
    "source" TEXT NOT NULL,
    "contextId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,

    PRIMARY KEY ("source", "contextId"),
    CONSTRAINT "context_listener_cursor_source_fkey" FOREIGN KEY ("source") REFERENCES "listener_client" ("source") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "context_listener_cursor_contextId_idx" ON "context_listener_cursor"("contextId");

CREATE TABLE "cs_lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);
