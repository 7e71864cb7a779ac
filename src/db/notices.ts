/** Notices, their deliveries into chats, and acknowledgements. */
import type { Db, Tx } from "./client.js";
import { Prisma } from "../generated/prisma/client.js";

export interface NewNotice {
  councilId: number;
  number: string | null;
  title: string;
  body: string;
  issuedOn: string | null;
  audience: string;
  audienceJson: string;
  pin: boolean;
  fileName: string | null;
  fileMime: string | null;
  fileSize: number | null;
  filePath: string | null;
  fileRef: string | null;
  authorMemberId: number | null;
  authorLabel: string;
  reportChatId: number | null;
  publishedAt: Date;
}

export const createNotice = (tx: Tx, data: NewNotice) =>
  tx.notice.create({ data: { ...data, status: "published", createdAt: data.publishedAt } });

/** Deliveries of a notice into many chats at once; returns their ids by chat. */
export async function createDeliveries(
  tx: Tx,
  noticeId: number,
  rows: { chatId: number; unitId: number | null; status: string; failReason: string | null; pinStatus: string }[],
  now: Date,
): Promise<Map<number, number>> {
  // Multi-row INSERTs: the model API's per-call compilation made a country-wide publish take seconds.
  for (let i = 0; i < rows.length; i += 200) {
    const values = rows
      .slice(i, i + 200)
      .map((r) => Prisma.sql`(${noticeId}, ${r.chatId}, ${r.unitId}, ${r.status}, ${r.failReason}, ${r.pinStatus}, ${now}, ${now})`);
    await tx.$executeRaw`INSERT INTO "NoticeDelivery" ("noticeId", "chatId", "unitId", "status", "failReason", "pinStatus", "createdAt", "updatedAt") VALUES ${Prisma.join(values)}`;
  }
  const created = await tx.noticeDelivery.findMany({ where: { noticeId }, select: { id: true, chatId: true } });
  return new Map(created.map((d) => [d.chatId, d.id]));
}

export const findNotice = (db: Db | Tx, id: number) => db.notice.findUnique({ where: { id } });

export const findDelivery = (db: Db | Tx, id: number) => db.noticeDelivery.findUnique({ where: { id }, include: { chat: true } });

export const findDeliveryByChat = (db: Db | Tx, noticeId: number, chatId: number) =>
  db.noticeDelivery.findUnique({ where: { noticeId_chatId: { noticeId, chatId } } });

export async function markDelivered(tx: Tx, id: number, now: Date): Promise<void> {
  await tx.noticeDelivery.updateMany({ where: { id, status: "pending" }, data: { status: "delivered", deliveredAt: now } });
}

export async function setAckMessageId(tx: Tx, id: number, messageId: string): Promise<void> {
  await tx.noticeDelivery.update({ where: { id }, data: { ackMessageId: messageId } });
}

export async function markDeliveryFailed(tx: Tx, id: number, reason: string): Promise<void> {
  await tx.noticeDelivery.updateMany({ where: { id, status: "pending" }, data: { status: "failed", failReason: reason } });
}

export async function setPinStatus(tx: Tx, id: number, status: "pinned" | "failed" | "noted", reason: string | null): Promise<void> {
  await tx.noticeDelivery.update({ where: { id }, data: { pinStatus: status, pinFailReason: reason } });
}

export const deliveriesOf = (db: Db | Tx, noticeId: number) =>
  db.noticeDelivery.findMany({ where: { noticeId }, include: { chat: true, unit: true }, orderBy: { id: "asc" } });

export const acksOf = (db: Db | Tx, noticeId: number) =>
  db.noticeAck.findMany({ where: { noticeId }, include: { member: true, unit: true }, orderBy: { ackedAt: "asc" } });

/**
 * Records an acknowledgement once per member. A member who first pressed in another unit's group (outsider)
 * and then acknowledges in their own unit's group has the record moved there ("upgraded"), so their unit counts.
 */
export async function recordAck(
  tx: Tx,
  input: {
    noticeId: number;
    memberId: number;
    unitId: number | null;
    chatId: number | null;
    platform: string;
    via: string;
    outsider: boolean;
    now: Date;
  },
): Promise<"created" | "upgraded" | "exists"> {
  const existing = await tx.noticeAck.findUnique({ where: { noticeId_memberId: { noticeId: input.noticeId, memberId: input.memberId } } });
  const data = {
    unitId: input.unitId,
    chatId: input.chatId,
    platform: input.platform,
    via: input.via,
    outsider: input.outsider,
    ackedAt: input.now,
  };
  if (existing) {
    if (!existing.outsider || input.outsider) return "exists";
    await tx.noticeAck.update({ where: { id: existing.id }, data });
    return "upgraded";
  }
  await tx.noticeAck.create({ data: { noticeId: input.noticeId, memberId: input.memberId, ...data } });
  return "created";
}

/** The count on a group's button: acknowledgements by the people the group is for (never outsiders). */
export const countAcksInChat = (db: Db | Tx, noticeId: number, chatId: number) =>
  db.noticeAck.count({ where: { noticeId, chatId, outsider: false } });

/** The most recent notice delivered into a chat (for a typed "đã nhận"). */
export const latestDeliveredInChat = (db: Db | Tx, chatId: number) =>
  db.noticeDelivery.findFirst({ where: { chatId, status: "delivered" }, orderBy: { id: "desc" }, include: { notice: true } });

export const deliveryByAckMessage = (db: Db | Tx, chatId: number, messageId: string) =>
  db.noticeDelivery.findFirst({ where: { chatId, ackMessageId: messageId }, include: { notice: true } });

export const listNotices = (db: Db | Tx, councilId: number, take = 50) =>
  db.notice.findMany({
    where: { councilId },
    orderBy: { id: "desc" },
    take,
    include: { _count: { select: { deliveries: true, acks: true } } },
  });

export const pendingDeliveryCount = (db: Db | Tx, noticeId: number) =>
  db.noticeDelivery.count({ where: { noticeId, OR: [{ status: "pending" }, { pinStatus: "pending" }] } });

export const correctionsOf = (db: Db | Tx, noticeId: number) =>
  db.noticeCorrection.findMany({ where: { noticeId }, orderBy: { seq: "asc" } });

export async function saveCorrection(
  tx: Tx,
  data: {
    noticeId: number;
    seq: number;
    previousTitle: string | null;
    newTitle: string | null;
    text: string | null;
    reason: string | null;
    byMemberId: number | null;
    byLabel: string;
    createdAt: Date;
  },
): Promise<void> {
  await tx.noticeCorrection.create({ data });
}

export async function setRecalled(
  tx: Tx,
  id: number,
  r: { at: Date; reason: string; byId: number | null; byLabel: string },
): Promise<void> {
  await tx.notice.update({
    where: { id },
    data: { recalledAt: r.at, recallReason: r.reason, recalledById: r.byId, recalledByLabel: r.byLabel },
  });
}

/**
 * Cancels a notice's messages still waiting in the outbox (its parts, file, pin, corrections, acknowledgement
 * reminders). Returns how many, and the deliveries whose own messages were among them.
 */
export async function cancelPendingNoticeMessages(tx: Tx, noticeId: number): Promise<{ count: number; deliveryIds: number[] }> {
  const where = {
    status: "pending",
    OR: [{ idempotencyKey: { startsWith: `notice:${noticeId}:` } }, { idempotencyKey: { startsWith: `notice-ack:${noticeId}:` } }],
  };
  const rows = await tx.outboxMessage.findMany({ where, select: { refType: true, refId: true } });
  const { count } = await tx.outboxMessage.updateMany({ where, data: { status: "cancelled", lastError: "notice recalled" } });
  const deliveryIds = [...new Set(rows.filter((r) => r.refType === "notice_delivery" && r.refId !== null).map((r) => r.refId!))];
  return { count, deliveryIds };
}

/** Deliveries that never went out because the notice was recalled first. */
export async function markDeliveriesRecalled(tx: Tx, noticeId: number, deliveryIds: number[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  await tx.noticeDelivery.updateMany({
    where: { noticeId, id: { in: deliveryIds }, status: { not: "delivered" } },
    data: { status: "failed", failReason: "recalled" },
  });
  await tx.noticeDelivery.updateMany({
    where: { noticeId, id: { in: deliveryIds }, pinStatus: "pending" },
    data: { pinStatus: "not_requested" },
  });
}

/** The deadline proposals of a notice and what the office did with each, as JSON (see core/notices/notice-proposals.ts). */
export async function setNoticeProposals(db: Db | Tx, id: number, proposalsJson: string): Promise<void> {
  await db.notice.update({ where: { id }, data: { proposalsJson } });
}

/** The council's latest notices with their proposals, newest first (for "/thongbao_nhiemvu" without a number). */
export const recentNoticesWithProposals = (db: Db | Tx, councilId: number, take = 20) =>
  db.notice.findMany({ where: { councilId, status: "published" }, orderBy: { id: "desc" }, take });

/** Tasks made from a notice (by chat, the console or the CLI). */
export const tasksOfNotice = (db: Db | Tx, noticeId: number) =>
  db.reportTask.findMany({ where: { noticeId, status: { not: "deleted" } }, select: { id: true, title: true } });

/** Published notices still in force (not recalled), newest first: what /dinhchinh and /thuhoi offer. */
export const openNoticesOf = (db: Db | Tx, councilId: number, take = 10) =>
  db.notice.findMany({
    where: { councilId, status: "published", recalledAt: null },
    orderBy: { id: "desc" },
    take,
    select: { id: true, title: true },
  });

export const countCorrections = (db: Db | Tx, noticeId: number) => db.noticeCorrection.count({ where: { noticeId } });

export async function setNoticeTitle(tx: Tx, id: number, title: string): Promise<void> {
  await tx.notice.update({ where: { id }, data: { title } });
}
