-- A heartbeat client bound through Linkis's serialized dialect gets its changes serialized.
ALTER TABLE "listener_client" ADD COLUMN "linkisDialect" BOOLEAN NOT NULL DEFAULT false;
