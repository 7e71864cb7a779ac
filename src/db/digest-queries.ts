/**
 * What the digest and the notice acknowledgement reminders read: new reports, urgent issues, and which
 * units have a delivered notice but no acknowledgement from any of their members.
 */
import type { Db, Tx } from "./client.js";
import { countInChunks, findInChunks } from "./chunks.js";

/** Reports submitted in (from, to], with unit and task. */
export const submissionsInPeriod = (db: Db | Tx, councilId: number, from: Date, to: Date) =>
  db.submission.findMany({
    where: { councilId, submittedAt: { gt: from, lte: to } },
    select: {
      submittedAt: true,
      late: true,
      receiptNo: true,
      version: true,
      unit: { select: { name: true } },
      task: { select: { title: true } },
    },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
  });

/** Urgent issues still open, or created or changed after `since`, as they stood at `at`. */
export const issuesAt = (db: Db | Tx, councilId: number, since: Date, at: Date) =>
  db.urgentIssue.findMany({
    where: { councilId, createdAt: { lte: at }, OR: [{ status: { not: "resolved" } }, { updatedAt: { gt: since } }] },
    select: {
      receiptNo: true,
      category: true,
      urgency: true,
      status: true,
      createdAt: true,
      location: true,
      unit: { select: { name: true } },
    },
    orderBy: { createdAt: "asc" },
  });

export interface DeliveredUnitNotice {
  deliveryId: number;
  noticeId: number;
  noticeTitle: string;
  publishedAt: Date;
  unitId: number;
  unitName: string;
  unitCode: string;
  chatId: number;
  chatPlatform: string;
  chatActive: boolean;
  deliveredAt: Date;
  ackMessageId: string | null;
}

/**
 * Deliveries of a council's notices into unit groups (status "delivered", delivered in [from, until])
 * whose unit had no acknowledgement from any member at `at`. One row per delivery: a unit with a Telegram
 * and a Zalo group appears twice.
 */
export async function unacknowledgedUnitDeliveries(
  db: Db | Tx,
  councilId: number,
  delivered: { from: Date; until: Date },
  at: Date,
): Promise<DeliveredUnitNotice[]> {
  const deliveries = await db.noticeDelivery.findMany({
    where: {
      status: "delivered",
      unitId: { not: null },
      deliveredAt: { gte: delivered.from, lte: delivered.until },
      // A recalled notice is chased no more (issue 12).
      notice: { councilId, status: "published", recalledAt: null },
    },
    include: {
      notice: { select: { id: true, title: true, publishedAt: true, createdAt: true } },
      unit: { select: { id: true, name: true, code: true, active: true } },
      chat: { select: { id: true, platform: true, active: true } },
    },
    orderBy: [{ noticeId: "asc" }, { unitId: "asc" }, { id: "asc" }],
  });
  if (deliveries.length === 0) return [];
  const noticeIds = [...new Set(deliveries.map((d) => d.noticeId))];
  // A unit has acknowledged when one of its own members has, in a group that is not another unit's
  // (issue 12: presses by outsiders are recorded as theirs and count for no unit).
  const acks = await findInChunks(noticeIds, (ids) =>
    db.noticeAck.findMany({
      where: { noticeId: { in: ids }, ackedAt: { lte: at }, outsider: false, unitId: { not: null } },
      select: { noticeId: true, unitId: true },
    }),
  );
  const acked = new Set<string>();
  for (const a of acks) acked.add(`${a.noticeId}:${a.unitId}`);
  return deliveries
    .filter((d) => d.unit?.active && !acked.has(`${d.noticeId}:${d.unitId}`))
    .map((d) => ({
      deliveryId: d.id,
      noticeId: d.noticeId,
      noticeTitle: d.notice.title,
      publishedAt: d.notice.publishedAt ?? d.notice.createdAt,
      unitId: d.unit!.id,
      unitName: d.unit!.name,
      unitCode: d.unit!.code,
      chatId: d.chat.id,
      chatPlatform: d.chat.platform,
      chatActive: d.chat.active,
      deliveredAt: d.deliveredAt!,
      ackMessageId: d.ackMessageId,
    }));
}

/** Notes on the deliveries that the acknowledgement reminder went out. */
export async function markAckReminded(tx: Tx, deliveryIds: number[], at: Date): Promise<void> {
  if (deliveryIds.length === 0) return;
  await countInChunks(deliveryIds, (ids) => tx.noticeDelivery.updateMany({ where: { id: { in: ids } }, data: { ackReminderAt: at } }));
}

/** Presses in a unit's group by people outside that unit, per notice (shown apart in the digest). */
export async function outsiderAcks(db: Db | Tx, noticeIds: number[], at: Date) {
  if (noticeIds.length === 0) return [];
  const acks = (
    await findInChunks(noticeIds, (ids) =>
      db.noticeAck.findMany({
        where: { noticeId: { in: ids }, ackedAt: { lte: at }, outsider: true },
        select: { noticeId: true, chatId: true, ackedAt: true, member: { select: { fullName: true } } },
      }),
    )
  ).sort((a, b) => a.ackedAt.getTime() - b.ackedAt.getTime());
  const chatIds = acks.flatMap((a) => (a.chatId === null ? [] : [a.chatId]));
  const chats = await findInChunks(chatIds, (ids) =>
    db.noticeDelivery.findMany({
      where: { noticeId: { in: noticeIds }, chatId: { in: ids } },
      select: { noticeId: true, chatId: true, chat: { select: { title: true, externalId: true } }, unit: { select: { name: true } } },
    }),
  );
  return acks.map((a) => {
    const d = chats.find((c) => c.noticeId === a.noticeId && c.chatId === a.chatId);
    return { noticeId: a.noticeId, member: a.member.fullName, chat: d?.chat.title ?? d?.unit?.name ?? d?.chat.externalId ?? "" };
  });
}
