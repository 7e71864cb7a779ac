-- AlterTable
ALTER TABLE "Notice" ADD COLUMN "recallReason" TEXT;
ALTER TABLE "Notice" ADD COLUMN "recalledAt" DATETIME;
ALTER TABLE "Notice" ADD COLUMN "recalledById" INTEGER;
ALTER TABLE "Notice" ADD COLUMN "recalledByLabel" TEXT;

-- CreateTable
CREATE TABLE "NoticeCorrection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "noticeId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "previousTitle" TEXT,
    "newTitle" TEXT,
    "text" TEXT,
    "reason" TEXT,
    "byMemberId" INTEGER,
    "byLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "NoticeCorrection_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "NoticeCorrection_noticeId_seq_key" ON "NoticeCorrection"("noticeId", "seq");
