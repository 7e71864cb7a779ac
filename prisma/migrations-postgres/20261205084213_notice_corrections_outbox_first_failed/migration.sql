-- AlterTable
ALTER TABLE "Notice" ADD COLUMN     "recallReason" TEXT,
ADD COLUMN     "recalledAt" TIMESTAMP(3),
ADD COLUMN     "recalledById" INTEGER,
ADD COLUMN     "recalledByLabel" TEXT;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "firstFailedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "NoticeCorrection" (
    "id" SERIAL NOT NULL,
    "noticeId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "previousTitle" TEXT,
    "newTitle" TEXT,
    "text" TEXT,
    "reason" TEXT,
    "byMemberId" INTEGER,
    "byLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NoticeCorrection_noticeId_seq_key" ON "NoticeCorrection"("noticeId", "seq");

-- AddForeignKey
ALTER TABLE "NoticeCorrection" ADD CONSTRAINT "NoticeCorrection_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
