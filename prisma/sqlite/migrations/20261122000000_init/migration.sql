-- CreateTable
CREATE TABLE "context_id" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user" TEXT,
    "application" TEXT,
    "source" TEXT,
    "expireType" TEXT NOT NULL DEFAULT 'NEVER',
    "expireTime" DATETIME,
    "instance" TEXT NOT NULL,
    "backupInstance" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accessTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "context_entry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contextId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "contextType" TEXT NOT NULL,
    "contextScope" TEXT NOT NULL,
    "valueJson" TEXT NOT NULL,
    "valueType" TEXT,
    "keyKeywords" TEXT NOT NULL DEFAULT '[]',
    "valueKeywords" TEXT NOT NULL DEFAULT '[]',
    "keywords" TEXT NOT NULL DEFAULT '[]',
    "props" TEXT,
    "revision" INTEGER NOT NULL,
    "createTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accessTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "context_entry_contextId_fkey" FOREIGN KEY ("contextId") REFERENCES "context_id" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "context_keyword" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entryId" INTEGER NOT NULL,
    "contextId" INTEGER NOT NULL,
    "keyword" TEXT NOT NULL,
    "contextType" TEXT NOT NULL,
    CONSTRAINT "context_keyword_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "context_entry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "context_history" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contextId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "contextType" TEXT NOT NULL,
    "keyword" TEXT,
    "historyJson" TEXT NOT NULL,
    "createTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accessTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "context_history_contextId_fkey" FOREIGN KEY ("contextId") REFERENCES "context_id" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "listener_client" (
    "source" TEXT NOT NULL PRIMARY KEY,
    "lastHeartbeat" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "context_id_listener" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "contextId" INTEGER NOT NULL,
    "createTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "context_id_listener_source_fkey" FOREIGN KEY ("source") REFERENCES "listener_client" ("source") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "context_id_listener_contextId_fkey" FOREIGN KEY ("contextId") REFERENCES "context_id" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "context_key_listener" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "contextId" INTEGER NOT NULL,
    "contextType" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "createTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "context_key_listener_source_fkey" FOREIGN KEY ("source") REFERENCES "listener_client" ("source") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "context_key_listener_contextId_fkey" FOREIGN KEY ("contextId") REFERENCES "context_id" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "context_change_log" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contextId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "op" TEXT NOT NULL,
    "contextType" TEXT,
    "key" TEXT,
    "valueJson" TEXT,
    "keywords" TEXT,
    "createTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "cs_user" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "cs_api_token" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "cs_api_token_userId_fkey" FOREIGN KEY ("userId") REFERENCES "cs_user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "cs_audit_log" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "criteria" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "createTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "cs_clear_job" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actor" TEXT NOT NULL,
    "criteria" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "startTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishTime" DATETIME,
    "error" TEXT
);

-- CreateIndex
CREATE INDEX "context_id_createTime_idx" ON "context_id"("createTime");

-- CreateIndex
CREATE INDEX "context_id_updateTime_idx" ON "context_id"("updateTime");

-- CreateIndex
CREATE INDEX "context_id_accessTime_idx" ON "context_id"("accessTime");

-- CreateIndex
CREATE INDEX "context_id_user_idx" ON "context_id"("user");

-- CreateIndex
CREATE INDEX "context_id_application_idx" ON "context_id"("application");

-- CreateIndex
CREATE INDEX "context_id_expireTime_idx" ON "context_id"("expireTime");

-- CreateIndex
CREATE INDEX "context_entry_contextId_key_idx" ON "context_entry"("contextId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "context_entry_contextId_contextType_key_key" ON "context_entry"("contextId", "contextType", "key");

-- CreateIndex
CREATE INDEX "context_keyword_keyword_contextType_idx" ON "context_keyword"("keyword", "contextType");

-- CreateIndex
CREATE INDEX "context_keyword_entryId_idx" ON "context_keyword"("entryId");

-- CreateIndex
CREATE INDEX "context_keyword_contextId_idx" ON "context_keyword"("contextId");

-- CreateIndex
CREATE UNIQUE INDEX "context_history_contextId_source_key" ON "context_history"("contextId", "source");

-- CreateIndex
CREATE INDEX "context_id_listener_contextId_idx" ON "context_id_listener"("contextId");

-- CreateIndex
CREATE UNIQUE INDEX "context_id_listener_source_contextId_key" ON "context_id_listener"("source", "contextId");

-- CreateIndex
CREATE INDEX "context_key_listener_contextId_idx" ON "context_key_listener"("contextId");

-- CreateIndex
CREATE UNIQUE INDEX "context_key_listener_source_contextId_contextType_key_key" ON "context_key_listener"("source", "contextId", "contextType", "key");

-- CreateIndex
CREATE INDEX "context_change_log_createTime_idx" ON "context_change_log"("createTime");

-- CreateIndex
CREATE UNIQUE INDEX "context_change_log_contextId_revision_key" ON "context_change_log"("contextId", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "cs_user_name_key" ON "cs_user"("name");

-- CreateIndex
CREATE UNIQUE INDEX "cs_api_token_tokenHash_key" ON "cs_api_token"("tokenHash");

-- CreateIndex
CREATE INDEX "cs_api_token_userId_idx" ON "cs_api_token"("userId");

-- CreateIndex
CREATE INDEX "cs_audit_log_createTime_idx" ON "cs_audit_log"("createTime");

-- CreateIndex
CREATE INDEX "cs_clear_job_status_idx" ON "cs_clear_job"("status");

