-- CreateTable
CREATE TABLE "WebSession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "userAgent" TEXT,
    CONSTRAINT "WebSession_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebLoginLink" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "createdVia" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "sessionId" INTEGER,
    CONSTRAINT "WebLoginLink_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Attachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "submissionId" INTEGER,
    "issueId" INTEGER,
    "platform" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT,
    "mime" TEXT,
    "size" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "storedPath" TEXT,
    "sha256" TEXT,
    "storeStatus" TEXT NOT NULL DEFAULT 'pending',
    "storeAttempts" INTEGER NOT NULL DEFAULT 0,
    "storeNextAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "storeError" TEXT,
    "storedAt" DATETIME,
    CONSTRAINT "Attachment_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Attachment_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "UrgentIssue" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Attachment" ("createdAt", "fileId", "fileName", "id", "issueId", "kind", "mime", "platform", "size", "submissionId") SELECT "createdAt", "fileId", "fileName", "id", "issueId", "kind", "mime", "platform", "size", "submissionId" FROM "Attachment";
DROP TABLE "Attachment";
ALTER TABLE "new_Attachment" RENAME TO "Attachment";
CREATE INDEX "Attachment_submissionId_idx" ON "Attachment"("submissionId");
CREATE INDEX "Attachment_issueId_idx" ON "Attachment"("issueId");
CREATE INDEX "Attachment_storeStatus_storeNextAt_idx" ON "Attachment"("storeStatus", "storeNextAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "WebSession_tokenHash_key" ON "WebSession"("tokenHash");

-- CreateIndex
CREATE INDEX "WebSession_memberId_idx" ON "WebSession"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "WebLoginLink_tokenHash_key" ON "WebLoginLink"("tokenHash");

-- CreateIndex
CREATE INDEX "WebLoginLink_memberId_idx" ON "WebLoginLink"("memberId");
