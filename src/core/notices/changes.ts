/**
 * Changing a notice after it went out (issue 12): a correction (đính chính) is a corrected title and/or a
 * corrected passage, sent as a reply to the original in each group that received it, the original edited
 * where the platform allows (when the notice fits in one message); a recall (thu hồi) deletes the bot's
 * messages where the platform can (Telegram: within 48 hours of delivery; later, or where it cannot delete but can
 * edit, the original is struck through, marked recalled and unpinned), tells each group, cancels what was still waiting to be sent, and stops the
 * notice's acknowledgement reminders. Both are recorded (who, when, why), audited, and sent through the outbox
 * with keys `notice:<id>:correction:<n>:c<chat>` and `notice:<id>:recall:c<chat>`.
 */
import type { Database, Tx } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import {
  cancelPendingNoticeMessages,
  correctionsOf,
  deliveriesOf,
  findNotice,
  markDeliveriesRecalled,
  saveCorrection,
  setNoticeTitle,
  setRecalled,
} from "../../db/notices.js";
import { countAcksInChat } from "../../db/notices.js";
import { enqueueMany, PRIORITY, splitForPlatform, type EnqueueInput } from "../../delivery/outbox.js";
import { noticeChanges as t } from "../../i18n/vi/notice-changes.js";
import { formatShortDateTime } from "../../domain/time/vietnamese-format.js";
import { joinHtml } from "../../text/html.js";
import { capabilitiesOf } from "../../messaging/platform.js";
import type { NoticeDraft } from "./draft.js";
import { ackChoice, groupMessageText, noticeMessageKey } from "./publish.js";

/** Of a platform's delete window (Telegram: 48 hours), this much is kept for the outbox to get there. */
export const DELETE_MARGIN_MS = 3600_000;
export const MAX_CORRECTION_CHARS = 3000;

export interface ChangedBy {
  memberId: number | null;
  label: string;
}

export type CorrectResult =
  | { ok: true; seq: number; groups: number }
  | { ok: false; reason: "not_found" | "recalled" | "no_groups" | "empty" | "too_long" };

export type RecallResult = { ok: true; groups: number; deleted: number } | { ok: false; reason: "not_found" | "recalled" | "no_reason" };

const correctionKey = (noticeId: number, seq: number, chatId: number) => `notice:${noticeId}:correction:${seq}:c${chatId}`;
const recallKey = (noticeId: number, chatId: number) => `notice:${noticeId}:recall:c${chatId}`;

/** The deliveries a change concerns: groups the notice reached that still hear the bot. */
async function reachedGroups(tx: Tx, noticeId: number) {
  return (await deliveriesOf(tx, noticeId)).filter((d) => d.status === "delivered" && d.chat.active);
}

export async function correctNotice(
  tx: Tx,
  input: {
    noticeId: number;
    councilId: number;
    newTitle?: string | null;
    text?: string | null;
    reason?: string | null;
    by: ChangedBy;
    now: Date;
    timezone: string;
  },
): Promise<CorrectResult> {
  const notice = await findNotice(tx, input.noticeId);
  if (!notice || notice.councilId !== input.councilId || notice.status !== "published") return { ok: false, reason: "not_found" };
  if (notice.recalledAt) return { ok: false, reason: "recalled" };
  const newTitle = input.newTitle?.trim() || null;
  const text = input.text?.trim() || null;
  const reason = input.reason?.trim() || null;
  if (!newTitle && !text) return { ok: false, reason: "empty" };
  if ((newTitle?.length ?? 0) > 300 || (text?.length ?? 0) > MAX_CORRECTION_CHARS) return { ok: false, reason: "too_long" };
  const groups = await reachedGroups(tx, notice.id);
  if (groups.length === 0) return { ok: false, reason: "no_groups" };
  const seq = (await correctionsOf(tx, notice.id)).length + 1;
  await saveCorrection(tx, {
    noticeId: notice.id,
    seq,
    previousTitle: newTitle ? notice.title : null,
    newTitle,
    text,
    reason,
    byMemberId: input.by.memberId,
    byLabel: input.by.label,
    createdAt: input.now,
  });
  const on = formatShortDateTime(input.now, input.timezone);
  const said = t.correctionInGroup({ title: notice.title, newTitle, text, reason });
  const draft = {
    title: null,
    number: notice.number,
    issuedOn: notice.issuedOn,
    body: notice.body,
    file: notice.fileName ? { name: notice.fileName } : null,
  } as unknown as NoticeDraft;
  const messages: EnqueueInput[] = [];
  for (const d of groups) {
    const key = correctionKey(notice.id, seq, d.chatId);
    messages.push({
      key,
      chatId: d.chatId,
      message: { kind: "text", text: said, ...(d.ackMessageId ? { replyTo: d.ackMessageId } : {}) },
      priority: PRIORITY.normal,
    });
    // Where messages can be edited, the original shows the corrected title, when it was one message (a split
    // one keeps its parts as they are).
    const caps = capabilitiesOf(d.chat.platform);
    if (caps.edit) {
      const edited = joinHtml([groupMessageText(draft, newTitle ?? notice.title, caps), t.correctedMark(on)], "");
      if (splitForPlatform({ kind: "text", text: edited }, caps.name).length === 1)
        messages.push({
          key: `${key}:edit`,
          chatId: d.chatId,
          message: {
            kind: "edit",
            targetKey: noticeMessageKey(notice.id, d.chatId),
            text: edited,
            choices: ackChoice(notice.id, await countAcksInChat(tx, notice.id, d.chatId)),
          },
          priority: PRIORITY.normal,
        });
    }
  }
  await enqueueMany(tx, messages, new Map(groups.map((d) => [d.chatId, d.chat])));
  if (newTitle) await setNoticeTitle(tx, notice.id, newTitle);
  await audit(tx, {
    councilId: notice.councilId,
    actorId: input.by.memberId,
    actorLabel: input.by.label,
    action: "notice.correct",
    entityType: "notice",
    entityId: notice.id,
    detail: { seq, previousTitle: newTitle ? notice.title : null, newTitle, text, reason, groups: groups.length },
  });
  return { ok: true, seq, groups: groups.length };
}

export async function recallNotice(
  tx: Tx,
  input: { noticeId: number; councilId: number; reason: string; by: ChangedBy; now: Date; timezone: string },
): Promise<RecallResult> {
  const notice = await findNotice(tx, input.noticeId);
  if (!notice || notice.councilId !== input.councilId || notice.status !== "published") return { ok: false, reason: "not_found" };
  if (notice.recalledAt) return { ok: false, reason: "recalled" };
  const reason = input.reason.trim();
  if (!reason) return { ok: false, reason: "no_reason" };
  // What has not gone out yet never will: the notice's parts, pins, corrections and acknowledgement reminders.
  const cancelled = await cancelPendingNoticeMessages(tx, notice.id);
  await markDeliveriesRecalled(tx, notice.id, cancelled.deliveryIds);
  await setRecalled(tx, notice.id, { at: input.now, reason, byId: input.by.memberId, byLabel: input.by.label });
  const groups = await reachedGroups(tx, notice.id);
  const on = formatShortDateTime(input.now, input.timezone);
  const messages: EnqueueInput[] = [];
  let deleted = 0;
  for (const d of groups) {
    const key = recallKey(notice.id, d.chatId);
    const original = noticeMessageKey(notice.id, d.chatId);
    let replyTo = d.ackMessageId;
    const caps = capabilitiesOf(d.chat.platform);
    const window = caps.deleteWindowMs;
    const young = window !== null && d.deliveredAt !== null && input.now.getTime() - d.deliveredAt.getTime() < window - DELETE_MARGIN_MS;
    if (young || caps.edit) {
      if (young) {
        // Deleting a pinned message unpins it too.
        messages.push({
          key: `${key}:delete`,
          chatId: d.chatId,
          message: { kind: "delete", targetKeys: [original, ...(notice.fileName ? [`${original}:file`] : [])] },
          priority: PRIORITY.normal,
        });
        deleted++;
        replyTo = null;
      } else {
        if (d.pinStatus === "pinned" && caps.pin === "message")
          messages.push({
            key: `${key}:unpin`,
            chatId: d.chatId,
            message: { kind: "unpin", targetKey: original },
            priority: PRIORITY.normal,
          });
        messages.push({
          key: `${key}:mark`,
          chatId: d.chatId,
          message: {
            kind: "edit",
            targetKey: original,
            part: "first",
            text: t.recalledOriginal({ title: notice.title, on }),
            choices: null,
          },
          priority: PRIORITY.normal,
        });
        // A notice sent in parts keeps the button on its last part: take it away there too.
        messages.push({
          key: `${key}:button`,
          chatId: d.chatId,
          message: { kind: "edit", targetKey: original, choices: null },
          priority: PRIORITY.normal,
        });
      }
    }
    messages.push({
      key,
      chatId: d.chatId,
      message: { kind: "text", text: t.recallInGroup({ title: notice.title, on, reason }), ...(replyTo ? { replyTo } : {}) },
      priority: PRIORITY.normal,
    });
  }
  await enqueueMany(tx, messages, new Map(groups.map((d) => [d.chatId, d.chat])));
  await audit(tx, {
    councilId: notice.councilId,
    actorId: input.by.memberId,
    actorLabel: input.by.label,
    action: "notice.recall",
    entityType: "notice",
    entityId: notice.id,
    detail: { reason, groups: groups.length, deleted, cancelledMessages: cancelled.count },
  });
  return { ok: true, groups: groups.length, deleted };
}

/** The same, in their own transaction (the CLI). */
export const correctNoticeNow = (db: Database, input: Parameters<typeof correctNotice>[1]) =>
  db.transaction((tx) => correctNotice(tx, input));
export const recallNoticeNow = (db: Database, input: Parameters<typeof recallNotice>[1]) => db.transaction((tx) => recallNotice(tx, input));
