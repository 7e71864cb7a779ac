-- AlterTable
ALTER TABLE "Notice" ADD COLUMN "proposalsJson" TEXT;
