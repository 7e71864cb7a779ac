/**
 * The statements the notice hooks run for every sent part of a notice (src/core/notices/delivery-hooks.ts),
 * written as SQL: a notice to 3,400 groups is 10,200 sent parts, and each model call compiles its query
 * (about a millisecond of CPU). Raw statements through the transaction's client skip the compiler on both
 * engines. The columns and their meaning are the model's (prisma/schema.prisma).
 */
import { Prisma } from "../generated/prisma/client.js";
import type { Tx } from "./client.js";

export interface DeliveryState {
  id: number;
  noticeId: number;
  pinStatus: string;
}

export interface DeliveryProgress extends DeliveryState {
  /** its outbox entries still pending or sending, and failed */
  open: number;
  failed: number;
  /** the notice's publisher's chat for the summary, or null */
  reportChatId: number | null;
}

/**
 * The delivery, how its outbox entries stand and where its notice reports, in ONE statement: it runs for every
 * sent part of every group's copy, and each statement through the client costs a compilation.
 */
export async function deliveryProgress(tx: Tx, id: number): Promise<DeliveryProgress | null> {
  const rows = await tx.$queryRaw<
    { id: number; noticeId: number; pinStatus: string; open: number | bigint; failed: number | bigint; reportChatId: number | null }[]
  >(
    Prisma.sql`SELECT d."id", d."noticeId", d."pinStatus", n."reportChatId",
      (SELECT COUNT(*) FROM "OutboxMessage" o WHERE o."refType" = 'notice_delivery' AND o."refId" = d."id" AND o."status" IN ('pending', 'sending')) AS "open",
      (SELECT COUNT(*) FROM "OutboxMessage" o WHERE o."refType" = 'notice_delivery' AND o."refId" = d."id" AND o."status" = 'failed') AS "failed"
      FROM "NoticeDelivery" d JOIN "Notice" n ON n."id" = d."noticeId" WHERE d."id" = ${id}`,
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: Number(r.id),
    noticeId: Number(r.noticeId),
    pinStatus: r.pinStatus,
    open: Number(r.open),
    failed: Number(r.failed),
    reportChatId: r.reportChatId === null ? null : Number(r.reportChatId),
  };
}

export async function setAckMessageIdSql(tx: Tx, id: number, messageId: string, now: Date): Promise<void> {
  await tx.$executeRaw(Prisma.sql`UPDATE "NoticeDelivery" SET "ackMessageId" = ${messageId}, "updatedAt" = ${now} WHERE "id" = ${id}`);
}

export async function markDeliveredSql(tx: Tx, id: number, now: Date): Promise<void> {
  await tx.$executeRaw(
    Prisma.sql`UPDATE "NoticeDelivery" SET "status" = 'delivered', "deliveredAt" = ${now}, "updatedAt" = ${now} WHERE "id" = ${id} AND "status" = 'pending'`,
  );
}

/** The chat a notice's publisher wants its report in (null: published from the CLI or the console). */
export async function noticeReportChatId(tx: Tx, noticeId: number): Promise<number | null> {
  const rows = await tx.$queryRaw<{ reportChatId: number | null }[]>(
    Prisma.sql`SELECT "reportChatId" FROM "Notice" WHERE "id" = ${noticeId}`,
  );
  const v = rows[0]?.reportChatId;
  return v === null || v === undefined ? null : Number(v);
}
