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

/** The delivery an outbox entry belongs to: its notice and pin state (without the chat). */
export async function deliveryState(tx: Tx, id: number): Promise<DeliveryState | null> {
  const rows = await tx.$queryRaw<DeliveryState[]>(
    Prisma.sql`SELECT "id", "noticeId", "pinStatus" FROM "NoticeDelivery" WHERE "id" = ${id}`,
  );
  const r = rows[0];
  return r ? { id: Number(r.id), noticeId: Number(r.noticeId), pinStatus: r.pinStatus } : null;
}

/** How the outbox entries of one owner stand: still to send, failed, sent (as refProgress, in SQL). */
export async function refProgressSql(tx: Tx, refType: string, refId: number): Promise<{ open: number; failed: number; sent: number }> {
  const rows = await tx.$queryRaw<{ status: string; n: number | bigint }[]>(
    Prisma.sql`SELECT "status", COUNT(*) AS "n" FROM "OutboxMessage" WHERE "refType" = ${refType} AND "refId" = ${refId} GROUP BY "status"`,
  );
  const count = (statuses: string[]) => rows.filter((r) => statuses.includes(r.status)).reduce((n, r) => n + Number(r.n), 0);
  return { open: count(["pending", "sending"]), failed: count(["failed"]), sent: count(["sent"]) };
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
