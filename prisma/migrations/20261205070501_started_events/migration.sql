-- CreateTable
CREATE TABLE "StartedEvent" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "startedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "StartedEvent_startedAt_idx" ON "StartedEvent"("startedAt");
