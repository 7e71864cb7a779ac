-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "payloadId" INTEGER;

-- CreateTable
CREATE TABLE "OutboxPayload" (
    "id" SERIAL NOT NULL,
    "json" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxPayload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutboxMessage_payloadId_idx" ON "OutboxMessage"("payloadId");

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_payloadId_fkey" FOREIGN KEY ("payloadId") REFERENCES "OutboxPayload"("id") ON DELETE SET NULL ON UPDATE CASCADE;
