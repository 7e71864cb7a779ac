-- CreateTable
CREATE TABLE "OutboxPayload" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "json" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idempotencyKey" TEXT NOT NULL,
    "chatId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "payloadJson" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "coalesceKey" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "firstFailedAt" DATETIME,
    "claimedAt" DATETIME,
    "notBefore" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "resultJson" TEXT,
    "refType" TEXT,
    "refId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "payloadId" INTEGER,
    CONSTRAINT "OutboxMessage_chatId_fkey" FOREIGN KEY ("chatId") REFERENCES "Chat" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "OutboxMessage_payloadId_fkey" FOREIGN KEY ("payloadId") REFERENCES "OutboxPayload" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_OutboxMessage" ("attempts", "chatId", "claimedAt", "coalesceKey", "createdAt", "firstFailedAt", "id", "idempotencyKey", "kind", "lastError", "notBefore", "payloadJson", "priority", "refId", "refType", "resultJson", "sentAt", "status", "updatedAt") SELECT "attempts", "chatId", "claimedAt", "coalesceKey", "createdAt", "firstFailedAt", "id", "idempotencyKey", "kind", "lastError", "notBefore", "payloadJson", "priority", "refId", "refType", "resultJson", "sentAt", "status", "updatedAt" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE UNIQUE INDEX "OutboxMessage_idempotencyKey_key" ON "OutboxMessage"("idempotencyKey");
CREATE INDEX "OutboxMessage_payloadId_idx" ON "OutboxMessage"("payloadId");
CREATE INDEX "OutboxMessage_status_notBefore_idx" ON "OutboxMessage"("status", "notBefore");
CREATE INDEX "OutboxMessage_chatId_status_idx" ON "OutboxMessage"("chatId", "status");
CREATE INDEX "OutboxMessage_refType_refId_idx" ON "OutboxMessage"("refType", "refId");
CREATE INDEX "OutboxMessage_coalesceKey_status_idx" ON "OutboxMessage"("coalesceKey", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
