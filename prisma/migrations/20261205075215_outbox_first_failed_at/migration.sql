-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "firstFailedAt" DATETIME;
