-- AlterTable
ALTER TABLE "InviteCode" ADD COLUMN     "hashKind" TEXT NOT NULL DEFAULT 'sha256';

-- AlterTable
ALTER TABLE "Notice" ADD COLUMN     "proposalsJson" TEXT;

-- AlterTable
ALTER TABLE "NoticeAck" ADD COLUMN     "outsider" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "StartedEvent" (
    "key" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StartedEvent_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "UnlinkedAccount" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnlinkedAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InviteFailure" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "blockedAt" TIMESTAMP(3),

    CONSTRAINT "InviteFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StartedEvent_startedAt_idx" ON "StartedEvent"("startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "UnlinkedAccount_platform_platformUserId_key" ON "UnlinkedAccount"("platform", "platformUserId");

-- CreateIndex
CREATE UNIQUE INDEX "InviteFailure_platform_platformUserId_key" ON "InviteFailure"("platform", "platformUserId");
