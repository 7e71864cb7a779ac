/**
 * The notice buttons ("nt:ack:<id>", "nt:st:<id>") and the group hook that reads "đã nhận" typed or
 * reacted in a group: chat handlers next to the dispatcher; the rule itself is core's `acknowledge`.
 */
import { deliveryByAckMessage, latestDeliveredInChat } from "../../db/notices.js";
import type { ActionHandler } from "../actions.js";
import type { GroupTextHook } from "../dispatcher.js";
import { notices as t } from "../../i18n/vi/notices.js";
import { noticeAcks } from "../../i18n/vi/notice-acks.js";
import { noticeChanges } from "../../i18n/vi/notice-changes.js";
import { isAckPhrase } from "../../domain/notices/ack-phrase.js";
import { acknowledge } from "../../core/notices/acknowledge.js";
import { noticeStatus } from "../../core/notices/status.js";
import { renderNoticeStatus } from "../../core/notices/render-status.js";
import { capabilitiesOf, showsAckCount } from "../../messaging/platform.js";
import { parseId } from "../../domain/ids.js";
import { html } from "../../text/html.js";

export const noticeActionHandler: ActionHandler = {
  prefix: "nt",
  async handle(ctx, args) {
    const [verb, idText] = args;
    const noticeId = parseId(idText);
    if (noticeId === null) return ctx.answer(t.ackUnknownNotice());
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
    // A number typed in answer to the notice (Zalo): a reaction to it says "recorded" without a message for
    // the whole group to read; where the platform cannot react, the thanks is the answer.
    const typed = ctx.event.typedMessageId;
    if (result === "recorded" && typed)
      return ctx.reply({ kind: "text", text: html`${t.ackThanks()}`, replyTo: typed, reactInstead: "👍" });
    ctx.answer(
      result === "recorded"
        ? t.ackThanks()
        : result === "outsider"
          ? noticeAcks.outsider()
          : result === "already"
            ? t.ackAlready()
            : result === "recalled"
              ? noticeChanges.recalledAck()
              : t.ackUnknownNotice(),
    );
  },
};

async function showStatus(ctx: Parameters<ActionHandler["handle"]>[0], noticeId: number): Promise<void> {
  if (!ctx.actor || !["office", "admin", "standing"].includes(ctx.actor.role)) return ctx.answer(t.ackUnknownNotice());
  const status = await noticeStatus(ctx.db.prisma, noticeId, ctx.actor.councilId);
  if (!status) return ctx.answer(t.ackUnknownNotice());
  ctx.answer(t.statusButton);
  ctx.reply(renderNoticeStatus(status, ctx.services.config.timezone));
}

/** A group message "đã nhận" (or a reaction on the notice) acknowledges the notice it answers, or the latest one. */
export const noticeAckTextHook: GroupTextHook = async (ctx) => {
  const e = ctx.event;
  if (!ctx.actor) return false;
  let quoted: string | undefined;
  if (e.type === "text") {
    if (!isAckPhrase(e.text)) return false;
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
  // No counter to update on this platform: the member is told it was recorded, by a reaction to their
  // "đã nhận" where the platform can react (one public message per acknowledgement gets a chatty account
  // restricted), else by a short thanks. A reaction to the notice is its own visible answer: nothing more.
  const silent = showsAckCount(capabilitiesOf(e.chat.platform));
  if (result === "recorded" && !silent && e.type === "text")
    ctx.reply({ kind: "text", text: html`${t.ackThanks()}`, replyTo: e.messageId, reactInstead: "👍" });
  if (result === "outsider" && !silent) ctx.reply(noticeAcks.outsider());
  return true;
};
