-- Gateway tokens (Linkis style): a name, the users and hosts they may act for, a role; no owning user.
-- SQLite cannot drop NOT NULL in place: redefine the table (nothing references it).
CREATE TABLE "new_cs_api_token" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "expiresAt" DATETIME,
    "name" TEXT,
    "users" TEXT,
    "hosts" TEXT,
    "role" TEXT,
    CONSTRAINT "cs_api_token_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cs_user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_cs_api_token" ("id", "userId", "tokenHash", "prefix", "createTime", "lastUsedAt", "revokedAt", "expiresAt")
SELECT "id", "userId", "tokenHash", "prefix", "createTime", "lastUsedAt", "revokedAt", "expiresAt" FROM "cs_api_token";
DROP TABLE "cs_api_token";
ALTER TABLE "new_cs_api_token" RENAME TO "cs_api_token";
CREATE UNIQUE INDEX "cs_api_token_tokenHash_key" ON "cs_api_token"("tokenHash");
CREATE INDEX "cs_api_token_userId_idx" ON "cs_api_token"("userId");
CREATE UNIQUE INDEX "cs_api_token_name_key" ON "cs_api_token"("name");
