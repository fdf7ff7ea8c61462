-- Heartbeat sources belong to the identity that bound them; sessions can be ended; tokens can expire.
ALTER TABLE "listener_client" ADD COLUMN "owner" TEXT NOT NULL DEFAULT '';
ALTER TABLE "cs_user" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "cs_api_token" ADD COLUMN "expiresAt" TIMESTAMP(3);
