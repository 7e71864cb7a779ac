/**
 * "Đã nhận": a member acknowledges a notice, by the button (Telegram), by replying "đã nhận" or reacting
 * (Zalo). Recorded once per member, with their unit and the chat; the button's label shows the count.
 */
import type { Tx } from "../../db/client.js";
import {
  countAcksInChat,
  deliveryByAckMessage,
  findDeliveryByChat,
  findNotice,
  latestDeliveredInChat,
  recordAck,
} from "../../db/notices.js";
import { enqueue, PRIORITY } from "../../delivery/outbox.js";
import type { ActionHandler } from "../../bot/actions.js";
import type { Actor } from "../../bot/context.js";
import type { GroupTextHook } from "../../bot/dispatcher.js";
import { notices as t } from "../../i18n/vi/notices.js";
import { foldVietnamese } from "../../text/fold.js";
import { ackChoice, noticeMessageKey } from "./publish.js";
import { noticeStatus } from "./status.js";
import { renderNoticeStatus } from "./render-status.js";

export type AckResult = "recorded" | "already" | "unknown_notice";

export async function acknowledge(
  tx: Tx,
  input: {
    noticeId: number;
    actor: Actor;
    chatId: number;
    platform: string;
    via: "button" | "reply" | "reaction";
    now: Date;
    eventKey: string;
  },
): Promise<AckResult> {
  const notice = await findNotice(tx, input.noticeId);
  if (!notice || notice.councilId !== input.actor.councilId) return "unknown_notice";
  const delivery = await findDeliveryByChat(tx, notice.id, input.chatId);
  const recorded = await recordAck(tx, {
    noticeId: notice.id,
    memberId: input.actor.memberId,
    unitId: input.actor.unitId ?? delivery?.unitId ?? null,
    chatId: input.chatId,
    platform: input.platform,
    via: input.via,
    now: input.now,
  });
  if (!recorded) return "already";
  if (delivery && input.platform === "telegram") {
    const count = await countAcksInChat(tx, notice.id, input.chatId);
    const target = noticeMessageKey(notice.id, input.chatId);
    await enqueue(tx, {
      key: `${input.eventKey}:ack-count`,
      chatId: input.chatId,
      message: { kind: "edit", targetKey: target, choices: ackChoice(notice.id, count) },
      coalesceKey: `edit:${target}`,
      priority: PRIORITY.interactive,
    });
  }
  return "recorded";
}

export const noticeActionHandler: ActionHandler = {
  prefix: "nt",
  async handle(ctx, args) {
    const [verb, idText] = args;
    const noticeId = Number(idText);
    if (!Number.isInteger(noticeId)) return ctx.answer(t.ackUnknownNotice());
    if (verb === "st") return showStatus(ctx, noticeId);
    if (verb !== "ack") return ctx.answer(t.ackUnknownNotice());
    if (!ctx.actor) return ctx.answer(t.ackNotLinked(), true);
    const result = await ctx.commit((tx) =>
      acknowledge(tx, {
        noticeId,
        actor: ctx.actor!,
        chatId: ctx.chat.id,
        platform: ctx.event.chat.platform,
        via: "button",
        now: ctx.now,
        eventKey: ctx.event.eventKey,
      }),
    );
    ctx.answer(result === "recorded" ? t.ackThanks() : result === "already" ? t.ackAlready() : t.ackUnknownNotice());
  },
};

async function showStatus(ctx: Parameters<ActionHandler["handle"]>[0], noticeId: number): Promise<void> {
  if (!ctx.actor || !["office", "admin", "standing"].includes(ctx.actor.role)) return ctx.answer(t.ackUnknownNotice());
  const status = await noticeStatus(ctx.db.prisma, noticeId);
  if (!status) return ctx.answer(t.ackUnknownNotice());
  ctx.answer(t.statusButton);
  ctx.reply(renderNoticeStatus(status, ctx.services.config.timezone));
}

const ACK_WORDS = /^(da nhan|đa nhan|dn|da nhan thong bao|xac nhan|ok da nhan|nhan)[.!]*$/;

/** A group message "đã nhận" (or a reaction on the notice) acknowledges the notice it answers, or the latest one. */
export const noticeAckTextHook: GroupTextHook = async (ctx) => {
  const e = ctx.event;
  if (!ctx.actor) return false;
  let quoted: string | undefined;
  if (e.type === "text") {
    if (!ACK_WORDS.test(foldVietnamese(e.text).replace(/\s+/g, " "))) return false;
    quoted = e.replyToMessageId;
  } else {
    quoted = e.messageId;
  }
  // A quoted notice is the one meant; a typed "đã nhận" quoting something else (e.g. the reminder) means the latest notice.
  const delivery =
    (quoted ? await deliveryByAckMessage(ctx.db.prisma, ctx.chat.id, quoted) : null) ??
    (e.type === "text" ? await latestDeliveredInChat(ctx.db.prisma, ctx.chat.id) : null);
  if (!delivery) return false;
  const result = await ctx.commit((tx) =>
    acknowledge(tx, {
      noticeId: delivery.noticeId,
      actor: ctx.actor!,
      chatId: ctx.chat.id,
      platform: e.chat.platform,
      via: e.type === "text" ? "reply" : "reaction",
      now: ctx.now,
      eventKey: e.eventKey,
    }),
  );
  if (result === "recorded" && e.chat.platform !== "telegram") ctx.reply(t.ackThanks());
  return true;
};
