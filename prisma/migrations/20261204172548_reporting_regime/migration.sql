-- AlterTable
ALTER TABLE "TaskAssignment" ADD COLUMN "dueAt" DATETIME;
ALTER TABLE "TaskAssignment" ADD COLUMN "extensionId" INTEGER;

-- CreateTable
CREATE TABLE "TaskSeries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "councilId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "every" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "month" INTEGER,
    "dueTime" TEXT NOT NULL DEFAULT '17:00',
    "onDayOff" TEXT NOT NULL DEFAULT 'keep',
    "startsOn" TEXT NOT NULL,
    "until" TEXT,
    "allUnits" BOOLEAN NOT NULL DEFAULT false,
    "unitIdsJson" TEXT NOT NULL DEFAULT '[]',
    "noticeId" INTEGER,
    "scheduleJson" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "endedAt" DATETIME,
    "createdById" INTEGER,
    "createdByLabel" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TaskSeries_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TaskSeries_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "TaskSeries_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TaskExtension" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "previousDueAt" DATETIME NOT NULL,
    "newDueAt" DATETIME NOT NULL,
    "reason" TEXT NOT NULL,
    "actorId" INTEGER,
    "actorLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TaskExtension_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReportTask" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TaskExtension_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SubmissionAddition" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "submissionId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SubmissionAddition_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SubmissionAddition_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReportTask" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "councilId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "dueAt" DATETIME NOT NULL,
    "dueRule" TEXT,
    "noticeId" INTEGER,
    "scheduleJson" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" INTEGER,
    "createdByLabel" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    "seriesId" INTEGER,
    "periodKey" TEXT,
    CONSTRAINT "ReportTask_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ReportTask_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ReportTask_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ReportTask_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "TaskSeries" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ReportTask" ("closedAt", "councilId", "createdAt", "createdById", "createdByLabel", "description", "dueAt", "dueRule", "id", "noticeId", "scheduleJson", "status", "title") SELECT "closedAt", "councilId", "createdAt", "createdById", "createdByLabel", "description", "dueAt", "dueRule", "id", "noticeId", "scheduleJson", "status", "title" FROM "ReportTask";
DROP TABLE "ReportTask";
ALTER TABLE "new_ReportTask" RENAME TO "ReportTask";
CREATE INDEX "ReportTask_councilId_status_dueAt_idx" ON "ReportTask"("councilId", "status", "dueAt");
CREATE UNIQUE INDEX "ReportTask_seriesId_periodKey_key" ON "ReportTask"("seriesId", "periodKey");
CREATE TABLE "new_Submission" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "councilId" INTEGER NOT NULL,
    "taskId" INTEGER,
    "unitId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "receiptNo" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'report',
    "body" TEXT NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Submission_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Submission_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReportTask" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Submission_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Submission_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Submission" ("body", "councilId", "id", "late", "memberId", "receiptNo", "submittedAt", "taskId", "unitId", "version") SELECT "body", "councilId", "id", "late", "memberId", "receiptNo", "submittedAt", "taskId", "unitId", "version" FROM "Submission";
DROP TABLE "Submission";
ALTER TABLE "new_Submission" RENAME TO "Submission";
CREATE UNIQUE INDEX "Submission_receiptNo_key" ON "Submission"("receiptNo");
CREATE INDEX "Submission_taskId_unitId_idx" ON "Submission"("taskId", "unitId");
CREATE INDEX "Submission_councilId_submittedAt_idx" ON "Submission"("councilId", "submittedAt");
CREATE TABLE "new_Attachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "submissionId" INTEGER,
    "additionId" INTEGER,
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
    CONSTRAINT "Attachment_additionId_fkey" FOREIGN KEY ("additionId") REFERENCES "SubmissionAddition" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Attachment_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "UrgentIssue" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Attachment" ("createdAt", "fileId", "fileName", "id", "issueId", "kind", "mime", "platform", "sha256", "size", "storeAttempts", "storeError", "storeNextAt", "storeStatus", "storedAt", "storedPath", "submissionId") SELECT "createdAt", "fileId", "fileName", "id", "issueId", "kind", "mime", "platform", "sha256", "size", "storeAttempts", "storeError", "storeNextAt", "storeStatus", "storedAt", "storedPath", "submissionId" FROM "Attachment";
DROP TABLE "Attachment";
ALTER TABLE "new_Attachment" RENAME TO "Attachment";
CREATE INDEX "Attachment_submissionId_idx" ON "Attachment"("submissionId");
CREATE INDEX "Attachment_additionId_idx" ON "Attachment"("additionId");
CREATE INDEX "Attachment_issueId_idx" ON "Attachment"("issueId");
CREATE INDEX "Attachment_storeStatus_storeNextAt_idx" ON "Attachment"("storeStatus", "storeNextAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TaskSeries_councilId_status_idx" ON "TaskSeries"("councilId", "status");

-- CreateIndex
CREATE INDEX "TaskExtension_taskId_createdAt_idx" ON "TaskExtension"("taskId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionAddition_submissionId_seq_key" ON "SubmissionAddition"("submissionId", "seq");
