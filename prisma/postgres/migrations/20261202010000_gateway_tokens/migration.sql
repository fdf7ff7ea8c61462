-- Gateway tokens (Linkis style): a name, the users and hosts they may act for, a role; no owning user.
ALTER TABLE "cs_api_token" ALTER COLUMN "userId" DROP NOT NULL;
ALTER TABLE "cs_api_token" ADD COLUMN "name" TEXT;
ALTER TABLE "cs_api_token" ADD COLUMN "users" TEXT;
ALTER TABLE "cs_api_token" ADD COLUMN "hosts" TEXT;
ALTER TABLE "cs_api_token" ADD COLUMN "role" TEXT;
CREATE UNIQUE INDEX "cs_api_token_name_key" ON "cs_api_token"("name");
