-- Cluster mode: heartbeat clients carry on through any node (their cursors, and a tombstone so a
-- client removed for silence is told to bind again everywhere), and leases for work one node
-- does at a time.
ALTER TABLE "listener_client" ADD COLUMN "expiredAt" TIMESTAMP(3);

CREATE TABLE "context_listener_cursor" (
    "source" TEXT NOT NULL,
    "contextId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,

    CONSTRAINT "context_listener_cursor_pkey" PRIMARY KEY ("source", "contextId")
);
CREATE INDEX "context_listener_cursor_contextId_idx" ON "context_listener_cursor"("contextId");
ALTER TABLE "context_listener_cursor" ADD CONSTRAINT "context_listener_cursor_source_fkey" FOREIGN KEY ("source") REFERENCES "listener_client"("source") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "cs_lease" (
    "name" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "cs_lease_pkey" PRIMARY KEY ("name")
);
